// Package gambittext is the lexer shared by the readers of Gambit's text
// formats (.nfg in game/nfg, .efg in game/efg): whitespace-separated words,
// double-quoted strings with \" and \\ escapes, braces and commas, with
// 1-based line and byte-column positions, and exact numbers with bounded
// size.
package gambittext

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is a token kind.
type Kind int

// Token kinds.
const (
	EOF Kind = iota
	Word
	String
	LBrace
	RBrace
	Comma
)

// Token is one token. Text is a word's text or a string's unquoted value;
// Raw is the source text for messages (valid UTF-8).
type Token struct {
	Kind      Kind
	Text, Raw string
	Line, Col int
}

var (
	// ErrUnterminated: a string runs to the end of the input.
	ErrUnterminated = errors.New("unterminated string")
	// ErrLabel: a string is longer than the lexer's MaxLabel.
	ErrLabel = errors.New("label too long")
)

// Error is a lexical error at a position; Raw is the start of the
// offending text (at most 40 bytes, then "…").
type Error struct {
	Line, Col int
	Raw       string
	Err       error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Lexer splits a source into tokens.
type Lexer struct {
	src       string
	pos       int
	line, col int
	peeked    *Token
	// MaxLabel bounds the bytes of one string (0: no bound).
	MaxLabel int
}

// New returns a lexer at the start of src.
func New(src string) *Lexer { return &Lexer{src: src, line: 1, col: 1} }

func (l *Lexer) advance(n int) {
	for range n {
		if l.src[l.pos] == '\n' {
			l.line++
			l.col = 1
		} else {
			l.col++
		}
		l.pos++
	}
}

// Peek returns the next token without consuming it.
func (l *Lexer) Peek() (Token, error) {
	if l.peeked != nil {
		return *l.peeked, nil
	}
	t, err := l.scan()
	if err != nil {
		return t, err
	}
	l.peeked = &t
	return t, nil
}

// Next consumes and returns the next token (Kind EOF at the end).
func (l *Lexer) Next() (Token, error) {
	if l.peeked != nil {
		t := *l.peeked
		l.peeked = nil
		return t, nil
	}
	return l.scan()
}

func truncate(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func (l *Lexer) scan() (Token, error) {
	for l.pos < len(l.src) && strings.IndexByte(" \t\r\n\v\f", l.src[l.pos]) >= 0 {
		l.advance(1)
	}
	t := Token{Line: l.line, Col: l.col}
	if l.pos >= len(l.src) {
		return t, nil
	}
	switch c := l.src[l.pos]; c {
	case '{':
		t.Kind, t.Text, t.Raw = LBrace, "{", "{"
		l.advance(1)
	case '}':
		t.Kind, t.Text, t.Raw = RBrace, "}", "}"
		l.advance(1)
	case ',':
		t.Kind, t.Text, t.Raw = Comma, ",", ","
		l.advance(1)
	case '"':
		var b strings.Builder
		i := l.pos + 1
		for {
			if i >= len(l.src) {
				return t, &Error{Line: t.Line, Col: t.Col, Raw: truncate(l.src[l.pos:]), Err: ErrUnterminated}
			}
			ch := l.src[i]
			if ch == '\\' && i+1 < len(l.src) {
				b.WriteByte(l.src[i+1])
				i += 2
			} else if ch == '"' {
				break
			} else {
				b.WriteByte(ch)
				i++
			}
			if l.MaxLabel > 0 && b.Len() > l.MaxLabel {
				return t, &Error{Line: t.Line, Col: t.Col, Raw: truncate(l.src[l.pos:]), Err: ErrLabel}
			}
		}
		t.Kind, t.Text, t.Raw = String, b.String(), strings.ToValidUTF8(l.src[l.pos:i+1], "\uFFFD")
		l.advance(i + 1 - l.pos)
	default:
		i := l.pos
		for i < len(l.src) && strings.IndexByte(" \t\r\n\v\f{},\"", l.src[i]) < 0 {
			i++
		}
		t.Kind, t.Text = Word, l.src[l.pos:i]
		t.Raw = strings.ToValidUTF8(t.Text, "\uFFFD")
		l.advance(i - l.pos)
	}
	return t, nil
}

// SmallInt parses s when it is an optional sign and 1 to 18 decimal
// digits (so the value fits in an int64): the common payoff, read without
// math/big's general parser. [Number] gives the same value for such s.
func SmallInt(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// Number parses an integer, decimal ("0.25", ".8", "1e-3") or fraction
// ("1/3") exactly. It refuses other bases and digit separators, exponents
// beyond ±1000, tokens longer than 1000 bytes and values whose numerator
// or denominator passes 1100 bits (beyond that a payoff is outside the
// float64 range, ±2^1024, or below its smallest subnormal, 2^−1074), so a
// hostile token cannot take unbounded memory, nor make exact pivoting on
// thousands-of-bits common denominators run for minutes. On failure it returns nil and a reason ("" when the
// token is simply not a number).
func Number(s string) (*big.Rat, string) {
	if v, ok := SmallInt(s); ok {
		return new(big.Rat).SetInt64(v), ""
	}
	if strings.ContainsAny(s, "_xXpPoObB") || !utf8.ValidString(s) {
		return nil, ""
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return nil, "exponent out of range"
		}
	}
	if len(s) > 1000 {
		return nil, "number too long"
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, ""
	}
	if r.Num().BitLen() > 1100 && r.Num().BitLen()-r.Denom().BitLen() > 1024 {
		return nil, "beyond the float64 range (about ±1.8e308)"
	}
	if r.Num().BitLen() > 1100 || r.Denom().BitLen() > 1100 {
		return nil, "more precise than a float64 can tell apart (numerator or denominator over 1100 bits)"
	}
	return r, ""
}
