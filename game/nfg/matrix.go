package nfg

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/infragame/infragame/game"
	"github.com/infragame/infragame/game/internal/gambittext"
	"github.com/infragame/infragame/internal/parseerr"
)

// ErrMatrix is wrapped by every error of [ParseMatrix].
var ErrMatrix = errors.New("payoff matrix")

// IsMatrix reports whether src is read as a payoff matrix rather than an
// .nfg file: its first word (after blanks and a byte order mark) is not
// "NFG". An .efg file ("EFG") is told apart by its callers first.
func IsMatrix(src string) bool {
	s := strings.TrimLeft(strings.TrimPrefix(src, "\ufeff"), " \t\r\n")
	return !strings.HasPrefix(s, "NFG") || len(s) > 3 && !strings.ContainsRune(" \t\r\n", rune(s[3]))
}

// ParseMatrix reads a two-player game written as a plain payoff matrix,
// the format docs/game.md describes:
//
//	# Battle of the sexes: "#" starts a comment
//	title: Battle of the sexes
//	players: Wife Husband
//	rows: Opera Football
//	columns: Opera Football
//	2,1  0,0
//	0,0  1,2
//
// Each line (or each part of a line between ";") is a row of the row
// player's strategy; a cell is "a,b": the row player's payoff a and the
// column player's b, cells separated by blanks. Instead of cells, the two
// matrices may be given in turn after lines "A:" and "B:" (one number a
// cell, separated by blanks or commas); "A:" alone is a zero-sum game (B =
// −A). The directives title:, players:, rows: and columns: are optional
// (names are words or "quoted strings"; strategies default to 1, 2, …).
// Payoffs are integers, decimals or fractions (2/3), read exactly as in an
// .nfg file.
//
// name names the input in errors, each a *[parseerr.Error] at the line and
// column (1-based, in bytes) of the offending text, wrapping [ErrMatrix].
// The game may have at most maxProfiles cells (0: [game.DefaultMaxProfiles]).
func ParseMatrix(name, src string, maxProfiles int) (*game.Game, error) {
	if maxProfiles <= 0 {
		maxProfiles = game.DefaultMaxProfiles
	}
	maxProfiles = min(maxProfiles, game.MaxProfiles)
	if len(src) > MaxSize {
		return nil, fmt.Errorf("%s: %w (%d MiB)", name, ErrTooBig, MaxSize>>20)
	}
	p := &matrixParser{name: name}
	src = strings.TrimPrefix(src, "\ufeff")
	for i, line := range strings.Split(src, "\n") {
		if err := p.line(i+1, strings.TrimSuffix(line, "\r")); err != nil {
			return nil, err
		}
		if p.cells > maxProfiles {
			return nil, p.errAt(i+1, 1, "more than %d cells (%w)", maxProfiles, game.ErrTooLarge)
		}
	}
	return p.game()
}

// matrixParser holds what ParseMatrix has read so far.
type matrixParser struct {
	name string
	// block is 0 before any "A:" (rows of "a,b" cells), 'A' or 'B' after.
	block        byte
	pairs        bool // rows of cells were read
	a, b         [][]*big.Rat
	title        string
	players      []string
	rows, cols   []string
	namesAt      map[string][2]int
	cells        int
	blockAt      map[byte][2]int
	firstRowSeen bool
}

func (p *matrixParser) errAt(line, col int, format string, args ...any) error {
	return &parseerr.Error{File: p.name, Line: line, Column: col, Err: fmt.Errorf("%w: "+format, append([]any{ErrMatrix}, args...)...)}
}

// mtoken is a word of a line and the column it starts at.
type mtoken struct {
	text string
	col  int
	sep  bool // a "," or ";"
}

// tokens splits a line into words, "quoted strings", commas and
// semicolons; "#" outside quotes ends the line.
func (p *matrixParser) tokens(line string, ln int) ([]mtoken, error) {
	var out []mtoken
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			i++
		case c == '#':
			return out, nil
		case c == ',' || c == ';':
			out = append(out, mtoken{text: string(c), col: i + 1, sep: true})
			i++
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				return nil, p.errAt(ln, i+1, "unterminated quoted name")
			}
			out = append(out, mtoken{text: line[i+1 : i+1+j], col: i + 1})
			i += j + 2
		default:
			j := i
			for j < len(line) && !strings.ContainsRune(" \t\r\v\f,;#\"", rune(line[j])) {
				j++
			}
			out = append(out, mtoken{text: line[i:j], col: i + 1})
			i = j
		}
	}
	return out, nil
}

// directives maps a line's first word to what it sets.
var directives = map[string]bool{"title:": true, "players:": true, "rows:": true, "columns:": true, "a:": true, "b:": true}

func (p *matrixParser) line(ln int, line string) error {
	toks, err := p.tokens(line, ln)
	if err != nil || len(toks) == 0 {
		return err
	}
	first := toks[0]
	key := strings.ToLower(first.text)
	if !first.sep && directives[key] {
		if p.namesAt == nil {
			p.namesAt, p.blockAt = map[string][2]int{}, map[byte][2]int{}
		}
		if _, dup := p.namesAt[key]; dup {
			return p.errAt(ln, first.col, "%s given twice", first.text)
		}
		p.namesAt[key] = [2]int{ln, first.col}
		rest := toks[1:]
		switch key {
		case "title:":
			// The title is the rest of the line as written.
			i := strings.Index(line, first.text) + len(first.text)
			t := line[i:]
			if h := strings.IndexByte(t, '#'); h >= 0 {
				t = t[:h]
			}
			p.title = strings.TrimSpace(t)
			return nil
		case "players:", "rows:", "columns:":
			var names []string
			for _, t := range rest {
				if t.sep {
					continue // "rows: Up, Down" reads as "rows: Up Down"
				}
				names = append(names, t.text)
			}
			if len(names) == 0 {
				return p.errAt(ln, first.col, "%s lists no names", first.text)
			}
			switch key {
			case "players:":
				if len(names) != 2 {
					return p.errAt(ln, first.col, "players: a payoff matrix has 2 players, %d names given", len(names))
				}
				p.players = names
			case "rows:":
				p.rows = names
			default:
				p.cols = names
			}
			return nil
		default: // "A:" or "B:"
			blk := key[0] - 'a' + 'A'
			if p.pairs {
				return p.errAt(ln, first.col, "%s after rows of \"a,b\" cells: give either cells or the matrices A and B", first.text)
			}
			if blk == 'B' && p.block != 'A' {
				return p.errAt(ln, first.col, "B: before A:")
			}
			p.block = blk
			p.blockAt[blk] = [2]int{ln, first.col}
			return p.rowsOf(ln, rest)
		}
	}
	if p.block == 0 {
		p.pairs = true
	}
	return p.rowsOf(ln, toks)
}

// rowsOf reads the rows of a line (separated by ";").
func (p *matrixParser) rowsOf(ln int, toks []mtoken) error {
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && toks[i].text != ";" {
			continue
		}
		if row := toks[start:i]; len(row) > 0 {
			if err := p.row(ln, row); err != nil {
				return err
			}
		}
		start = i + 1
	}
	return nil
}

func (p *matrixParser) number(ln int, t mtoken) (*big.Rat, error) {
	if t.sep {
		return nil, p.errAt(ln, t.col, "%q where a number belongs", t.text)
	}
	r, why := gambittext.Number(t.text)
	if r == nil {
		if why == "" {
			why = "not a number"
		}
		hint := ""
		if !p.firstRowSeen && len(p.a) == 0 {
			hint = " (a game file starts with NFG or EFG; anything else is read as a payoff matrix, docs/game.md)"
		}
		return nil, p.errAt(ln, t.col, "%q: %s%s", t.text, why, hint)
	}
	if f, _ := r.Float64(); math.IsInf(f, 0) {
		return nil, p.errAt(ln, t.col, "%q: beyond the float64 range (about ±1.8e308)", t.text)
	}
	return r, nil
}

// row reads one row: "a,b" cells, or numbers in an A: or B: block.
func (p *matrixParser) row(ln int, toks []mtoken) error {
	var ra, rb []*big.Rat
	if p.block == 0 {
		for i := 0; i < len(toks); i += 3 {
			a, err := p.number(ln, toks[i])
			if err != nil {
				return err
			}
			if i+1 >= len(toks) || toks[i+1].text != "," {
				col := toks[i].col + len(toks[i].text)
				return p.errAt(ln, col, "cell %d: want \"a,b\" (the row player's payoff, a comma, the column player's)", len(ra)+1)
			}
			if i+2 >= len(toks) {
				return p.errAt(ln, toks[i+1].col, "cell %d: no column player's payoff after the comma", len(ra)+1)
			}
			b, err := p.number(ln, toks[i+2])
			if err != nil {
				return err
			}
			ra, rb = append(ra, a), append(rb, b)
		}
	} else {
		for _, t := range toks {
			if t.text == "," {
				continue
			}
			v, err := p.number(ln, t)
			if err != nil {
				return err
			}
			ra = append(ra, v)
		}
	}
	if len(ra) == 0 {
		return p.errAt(ln, toks[0].col, "a row with no number")
	}
	p.firstRowSeen = true
	dst := &p.a
	if p.block == 'B' {
		dst = &p.b
	}
	if len(*dst) > 0 && len(ra) != len((*dst)[0]) {
		return p.errAt(ln, toks[0].col, "row %d has %d cells, row 1 has %d", len(*dst)+1, len(ra), len((*dst)[0]))
	}
	*dst = append(*dst, ra)
	if p.block != 'B' {
		p.cells += len(ra)
	}
	if p.block == 0 {
		p.b = append(p.b, rb)
	}
	return nil
}

// game builds the game read.
func (p *matrixParser) game() (*game.Game, error) {
	if len(p.a) == 0 {
		return nil, p.errAt(0, 0, "no rows: write each row of the row player's strategy as cells \"a,b\" separated by blanks (docs/game.md)")
	}
	m, n := len(p.a), len(p.a[0])
	switch {
	case p.block == 'A':
		// Zero-sum: the column player gets the row player's loss.
		p.b = make([][]*big.Rat, m)
		for r := range m {
			p.b[r] = make([]*big.Rat, n)
			for c := range n {
				p.b[r][c] = new(big.Rat).Neg(p.a[r][c])
			}
		}
	case p.block == 'B':
		at := p.blockAt['B']
		if len(p.b) == 0 {
			return nil, p.errAt(at[0], at[1], "B: has no rows")
		}
		if len(p.b) != m || len(p.b[0]) != n {
			return nil, p.errAt(at[0], at[1], "B is %d × %d, A is %d × %d", len(p.b), len(p.b[0]), m, n)
		}
	}
	for _, d := range []struct {
		key   string
		names []string
		want  int
		what  string
	}{{"rows:", p.rows, m, "rows"}, {"columns:", p.cols, n, "columns"}} {
		if d.names != nil && len(d.names) != d.want {
			at := p.namesAt[d.key]
			return nil, p.errAt(at[0], at[1], "%s names %d strategies, the matrix has %d %s", d.key, len(d.names), d.want, d.what)
		}
	}
	g := game.BimatrixRat(p.a, p.b)
	g.Title = p.title
	if p.players != nil {
		g.Players = p.players
	}
	if p.rows != nil {
		g.Strategies[0] = p.rows
	}
	if p.cols != nil {
		g.Strategies[1] = p.cols
	}
	return g, nil
}
