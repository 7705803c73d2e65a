package contest_test

import "github.com/infragame/infragame/auction"

func auctionVerify() auction.VerifyOptions { return auction.VerifyOptions{} }
