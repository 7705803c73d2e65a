package nfg

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/internal/gambittext"
)

// Sentinel errors wrapped by [ParseError].
var (
	ErrHeader        = errors.New("not an NFG 1 header")
	ErrSyntax        = errors.New("syntax error")
	ErrUnterminated  = errors.New("unterminated string")
	ErrNumber        = errors.New("invalid number")
	ErrPayoffCount   = errors.New("wrong number of payoffs")
	ErrOutcomeIndex  = errors.New("outcome index out of range")
	ErrTooFewPlayers = errors.New("a game needs at least two players")
	ErrStrategies    = errors.New("invalid strategy count")
)

// ParseError is returned for a malformed file. Line and Column (1-based;
// Column counts bytes, as encoding/csv) locate the offending token, which
// is empty at end of input.
type ParseError struct {
	Line, Column int
	Token        string
	Err          error
}

func (e *ParseError) Error() string {
	tok := "end of input"
	if e.Token != "" {
		tok = fmt.Sprintf("token %q", e.Token)
	}
	return fmt.Sprintf("nfg: line %d, column %d, %s: %v", e.Line, e.Column, tok, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Position returns where the error is, as the project's other readers
// report it: the file is not known here, and the offending token is in the
// message, not a field.
func (e *ParseError) Position() (file string, line, column int, field string) {
	return "", e.Line, e.Column, ""
}

type token = gambittext.Token

const (
	tEOF    = gambittext.EOF
	tWord   = gambittext.Word
	tString = gambittext.String
	tLBrace = gambittext.LBrace
	tRBrace = gambittext.RBrace
	tComma  = gambittext.Comma
)

// lexer adapts the shared Gambit lexer to this package's errors.
type lexer struct{ *gambittext.Lexer }

func (l *lexer) errAt(t token, err error, format string, args ...any) error {
	e := err
	if format != "" {
		e = fmt.Errorf("%w: "+format, append([]any{err}, args...)...)
	}
	raw := t.Raw
	if len(raw) > 40 {
		raw = raw[:32] + fmt.Sprintf("… (%d bytes)", len(raw))
	}
	return &ParseError{Line: t.Line, Column: t.Col, Token: raw, Err: e}
}

func lexErr(err error) error {
	if err == nil {
		return nil // before errors.As, whose target would escape: an allocation per token
	}
	var le *gambittext.Error
	if errors.As(err, &le) {
		return &ParseError{Line: le.Line, Column: le.Col, Token: le.Raw, Err: ErrUnterminated}
	}
	return err
}

func (l *lexer) peek() (token, error) {
	t, err := l.Peek()
	return t, lexErr(err)
}

func (l *lexer) next() (token, error) {
	t, err := l.Next()
	return t, lexErr(err)
}

func (l *lexer) expect(kind gambittext.Kind, what string) (token, error) {
	t, err := l.next()
	if err != nil {
		return t, err
	}
	if t.Kind != kind {
		return t, l.errAt(t, ErrSyntax, "expected %s", what)
	}
	return t, nil
}

// value is a parsed payoff: r, or the integer i when r is nil (the common
// case, written as at most 18 digits), which stays out of math/big until
// the game is built.
type value struct {
	i int64
	r *big.Rat
}

// value parses a payoff as [lexer.number] does.
func (l *lexer) value(t token) (value, error) {
	if t.Kind == tWord {
		if v, ok := gambittext.SmallInt(t.Text); ok {
			return value{i: v}, nil
		}
	}
	r, err := l.number(t)
	return value{r: r}, err
}

func (l *lexer) number(t token) (*big.Rat, error) {
	if t.Kind != tWord {
		return nil, l.errAt(t, ErrSyntax, "expected a number")
	}
	r, why := gambittext.Number(t.Text)
	if r == nil && why == "" {
		return nil, l.errAt(t, ErrNumber, "")
	}
	if r == nil {
		return nil, l.errAt(t, ErrNumber, "%s", why)
	}
	// Payoffs are also used as float64: refuse what overflows to ±Inf
	// (an int64 cannot).
	if r.IsInt() && r.Num().IsInt64() {
		return r, nil
	}
	if f, _ := r.Float64(); math.IsInf(f, 0) {
		return nil, l.errAt(t, ErrNumber, "beyond the float64 range (about ±1.8e308)")
	}
	return r, nil
}

func (l *lexer) integer(t token) (int, error) {
	r, err := l.number(t)
	if err != nil {
		return 0, err
	}
	if !r.IsInt() || !r.Num().IsInt64() || r.Num().Int64() < 0 || r.Num().Int64() > 1<<30 {
		return 0, l.errAt(t, ErrSyntax, "expected a non-negative integer")
	}
	return int(r.Num().Int64()), nil
}

// MaxSize is the largest input [Read] accepts, in bytes: about the size of
// a two-player game at [game.MaxProfiles] written with short payoffs.
const MaxSize = 128 << 20

// ErrTooBig is returned when the input is larger than [MaxSize].
var ErrTooBig = errors.New("nfg: input larger than the size limit")

// Read reads one game in .nfg format from r, at most [MaxSize] bytes. The
// game's Exact payoffs hold the values as written.
func Read(r io.Reader) (*game.Game, error) {
	b, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, fmt.Errorf("%w (%d MiB)", ErrTooBig, MaxSize>>20)
	}
	return Parse(string(b))
}

// Parse is [Read] on a string, accepting games of up to
// [game.DefaultMaxProfiles] pure profiles.
func Parse(src string) (*game.Game, error) { return ParseMax(src, 0) }

// ParseMax is [Parse] accepting up to maxProfiles pure profiles (0 means
// [game.DefaultMaxProfiles]; at most [game.MaxProfiles]).
func ParseMax(src string, maxProfiles int) (*game.Game, error) {
	if maxProfiles <= 0 {
		maxProfiles = game.DefaultMaxProfiles
	}
	maxProfiles = min(maxProfiles, game.MaxProfiles)
	src = strings.TrimPrefix(src, "\ufeff") // a UTF-8 byte order mark
	l := &lexer{gambittext.New(src)}
	t, err := l.next()
	if err != nil {
		return nil, err
	}
	if t.Kind != tWord || t.Text != "NFG" {
		return nil, l.errAt(t, ErrHeader, "file must start with NFG")
	}
	if t, err = l.next(); err != nil {
		return nil, err
	}
	if t.Kind != tWord || t.Text != "1" {
		return nil, l.errAt(t, ErrHeader, "only version 1 is supported")
	}
	if t, err = l.next(); err != nil {
		return nil, err
	}
	if t.Kind != tWord || (t.Text != "R" && t.Text != "D") {
		return nil, l.errAt(t, ErrHeader, "expected R or D")
	}
	title, err := l.expect(tString, "the game title in quotes")
	if err != nil {
		return nil, err
	}
	if _, err := l.expect(tLBrace, "{ before the player names"); err != nil {
		return nil, err
	}
	var players []string
	var first token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		if len(players) == 0 {
			first = t
		}
		if t.Kind == tRBrace {
			break
		}
		if t.Kind != tString {
			return nil, l.errAt(t, ErrSyntax, "expected a player name in quotes or }")
		}
		players = append(players, t.Text)
	}
	if len(players) < 2 {
		return nil, l.errAt(first, ErrTooFewPlayers, "%d player(s)", len(players))
	}
	open, err := l.expect(tLBrace, "{ before the strategies")
	if err != nil {
		return nil, err
	}
	strategies := make([][]string, 0, len(players))
	t, err = l.peek()
	if err != nil {
		return nil, err
	}
	if t.Kind == tLBrace {
		for range players {
			if _, err := l.expect(tLBrace, "{ before a player's strategy names"); err != nil {
				return nil, err
			}
			var names []string
			for {
				t, err := l.next()
				if err != nil {
					return nil, err
				}
				if t.Kind == tRBrace {
					if len(names) == 0 {
						return nil, l.errAt(t, ErrStrategies, "player %d has no strategy", len(strategies)+1)
					}
					break
				}
				if t.Kind != tString {
					return nil, l.errAt(t, ErrSyntax, "expected a strategy name in quotes or }")
				}
				names = append(names, t.Text)
			}
			strategies = append(strategies, names)
		}
	} else {
		// The declared counts are all read and checked before any name is
		// made, so a header announcing millions of strategies costs nothing.
		counts := make([]int, len(players))
		declared := 1
		var last token
		for i := range players {
			t, err := l.next()
			if err != nil {
				return nil, err
			}
			k, err := l.integer(t)
			if err != nil {
				return nil, err
			}
			if k < 1 {
				return nil, l.errAt(t, ErrStrategies, "player %d has %d strategies", i+1, k)
			}
			if k > maxProfiles/declared {
				return nil, l.errAt(t, game.ErrTooLarge, "more than %d profiles", maxProfiles)
			}
			declared *= k
			counts[i], last = k, t
		}
		// Whatever follows (payoffs or outcome indices), a file needs at
		// least one number and a separator per profile.
		if declared > len(src)/2+1 {
			return nil, l.errAt(last, ErrPayoffCount, "the header declares %d profiles, more than a %d-byte file can hold", declared, len(src))
		}
		for _, k := range counts {
			names := make([]string, k)
			for j := range names {
				names[j] = strconv.Itoa(j + 1)
			}
			strategies = append(strategies, names)
		}
	}
	if t, err = l.next(); err != nil {
		return nil, err
	}
	if t.Kind != tRBrace {
		return nil, l.errAt(t, ErrStrategies, "expected } closing the strategies of %d players (opened at line %d)", len(players), open.Line)
	}
	shape := make([]int, len(strategies))
	k := 1
	for i, s := range strategies {
		shape[i] = len(s)
		if k > maxProfiles/len(s) {
			return nil, l.errAt(t, game.ErrTooLarge, "more than %d profiles", maxProfiles)
		}
		k *= len(s)
	}
	comment := ""
	if t, err = l.peek(); err != nil {
		return nil, err
	}
	if t.Kind == tString {
		_, _ = l.next()
		comment = t.Text
		if t, err = l.peek(); err != nil {
			return nil, err
		}
	}
	n := len(players)
	// Values are collected first, so that memory stays proportional to the
	// input even when the header announces a huge game.
	vals := make([]value, 0, min(k*n, 1024))
	if t.Kind == tLBrace {
		// Outcome version.
		_, _ = l.next()
		var outcomes [][]value
		for {
			t, err := l.next()
			if err != nil {
				return nil, err
			}
			if t.Kind == tRBrace {
				break
			}
			if t.Kind != tLBrace {
				return nil, l.errAt(t, ErrSyntax, "expected { starting an outcome or }")
			}
			if _, err := l.expect(tString, "the outcome name in quotes"); err != nil {
				return nil, err
			}
			var pay []value
			for {
				t, err := l.next()
				if err != nil {
					return nil, err
				}
				if t.Kind == tRBrace {
					if len(pay) != n {
						return nil, l.errAt(t, ErrPayoffCount, "outcome %d has %d payoffs, want %d", len(outcomes)+1, len(pay), n)
					}
					break
				}
				if t.Kind == tComma {
					continue
				}
				v, err := l.value(t)
				if err != nil {
					return nil, err
				}
				if len(pay) == n {
					return nil, l.errAt(t, ErrPayoffCount, "outcome %d has more than %d payoffs", len(outcomes)+1, n)
				}
				pay = append(pay, v)
			}
			outcomes = append(outcomes, pay)
		}
		for p := range k {
			t, err := l.next()
			if err != nil {
				return nil, err
			}
			if t.Kind == tEOF {
				return nil, l.errAt(t, ErrPayoffCount, "%d outcome indices, want %d", p, k)
			}
			idx, err := l.integer(t)
			if err != nil {
				return nil, err
			}
			if idx > len(outcomes) {
				return nil, l.errAt(t, ErrOutcomeIndex, "outcome %d of %d", idx, len(outcomes))
			}
			for i := range n {
				if idx == 0 {
					vals = append(vals, value{})
				} else {
					vals = append(vals, outcomes[idx-1][i])
				}
			}
		}
	} else {
		for p := range k {
			for i := range n {
				t, err := l.next()
				if err != nil {
					return nil, err
				}
				if t.Kind == tEOF {
					return nil, l.errAt(t, ErrPayoffCount, "%d payoffs, want %d (%d profiles × %d players)", p*n+i, k*n, k, n)
				}
				v, err := l.value(t)
				if err != nil {
					return nil, err
				}
				vals = append(vals, v)
			}
		}
	}
	if t, err = l.next(); err != nil {
		return nil, err
	}
	if t.Kind != tEOF {
		if t.Kind == tWord {
			return nil, l.errAt(t, ErrPayoffCount, "more payoffs or outcome indices than the %d profiles need", k)
		}
		return nil, l.errAt(t, ErrSyntax, "unexpected text after the game")
	}
	g := game.New(shape...)
	g.Title, g.Comment = title.Text, comment
	copy(g.Players, players)
	for i := range strategies {
		copy(g.Strategies[i], strategies[i])
	}
	// The integer payoffs' numerators share one array (big.Int.SetBits),
	// and their float64 values are conversions of the int64, which round
	// as big.Rat.Float64 does (to nearest, ties to even).
	var words []big.Word
	for p := range k {
		for i := range n {
			v, x := vals[p*n+i], g.Exact[i][p]
			if v.r != nil {
				x.Set(v.r)
				g.Payoffs[i][p], _ = v.r.Float64()
				continue
			}
			g.Payoffs[i][p] = float64(v.i)
			u := uint64(v.i)
			if v.i < 0 {
				u = -u
			}
			if u > uint64(^big.Word(0)) { // a 32-bit platform
				x.SetInt64(v.i)
				continue
			}
			if words == nil {
				words = make([]big.Word, k*n)
			}
			w := words[p*n+i : p*n+i+1 : p*n+i+1]
			w[0] = big.Word(u)
			x.Num().SetBits(w)
			if v.i < 0 {
				x.Num().Neg(x.Num())
			}
		}
	}
	return g, nil
}

// Version selects the variant [Write] produces.
type Version int

const (
	// PayoffVersion writes strategy counts and the payoff list (strategy
	// names are not kept by this variant).
	PayoffVersion Version = iota
	// OutcomeVersion writes strategy names, one outcome per profile, and the
	// outcome indices.
	OutcomeVersion
)

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Write writes g in .nfg format. Payoffs are written exactly (fractions
// such as 1/3) from g.Exact when set, otherwise as the shortest decimal
// that reads back to the same float64.
func Write(w io.Writer, g *game.Game, v Version) error {
	if err := g.Validate(); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("NFG 1 R " + quote(g.Title) + " {")
	for _, p := range g.Players {
		b.WriteString(" " + quote(p))
	}
	b.WriteString(" }")
	val := func(i, p int) string {
		if g.Exact != nil && g.Exact[i][p] != nil {
			return g.Exact[i][p].RatString()
		}
		return fmt.Sprint(g.Payoffs[i][p])
	}
	n, k := g.NumPlayers(), g.NumProfiles()
	switch v {
	case PayoffVersion:
		b.WriteString(" {")
		for _, s := range g.Strategies {
			fmt.Fprintf(&b, " %d", len(s))
		}
		b.WriteString(" }\n" + quote(g.Comment) + "\n\n")
		for p := range k {
			for i := range n {
				if p+i > 0 {
					b.WriteString(" ")
				}
				b.WriteString(val(i, p))
			}
		}
		b.WriteString("\n")
	case OutcomeVersion:
		b.WriteString("\n\n{")
		for _, s := range g.Strategies {
			b.WriteString(" {")
			for _, name := range s {
				b.WriteString(" " + quote(name))
			}
			b.WriteString(" }\n")
		}
		b.WriteString("}\n" + quote(g.Comment) + "\n\n{\n")
		for p := range k {
			b.WriteString("{ \"\"")
			for i := range n {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(" " + val(i, p))
			}
			b.WriteString(" }\n")
		}
		b.WriteString("}\n")
		for p := range k {
			if p > 0 {
				b.WriteString(" ")
			}
			fmt.Fprint(&b, p+1)
		}
		b.WriteString("\n")
	default:
		return fmt.Errorf("nfg: unknown version %d", v)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
