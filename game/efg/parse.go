package efg

import (
	"errors"
	"fmt"
	"github.com/infragame/infragame/internal/parseerr"
	"io"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/infragame/infragame/game/internal/gambittext"
)

// Sentinel errors wrapped by [ParseError].
var (
	ErrHeader       = errors.New("not an EFG 2 header")
	ErrSyntax       = errors.New("syntax error")
	ErrUnterminated = errors.New("unterminated string")
	ErrNumber       = errors.New("invalid number")
	ErrInconsistent = errors.New("inconsistent with an earlier definition")
	ErrProbability  = errors.New("invalid probability")
	ErrLimit        = errors.New("size limit exceeded")
)

// ParseError is returned for a malformed file: the project's one parse
// error ([parseerr.Error], in the style of encoding/csv.ParseError). Line
// and Column are 1-based (Column counts bytes); Field names the element
// being read ("payoff", "infoset number", …).
type ParseError = parseerr.Error

// Limits bound what [Parse] accepts. Zero fields take the defaults of
// [DefaultLimits].
type Limits struct {
	MaxBytes   int // size of the file
	MaxNodes   int // nodes in the tree
	MaxPlayers int
	MaxActions int // actions of one information set
	MaxDepth   int // nodes on one path
	MaxLabel   int // bytes of one quoted label
}

// DefaultLimits are generous for hand-written and generated games and keep
// a hostile file from taking unbounded memory or time.
var DefaultLimits = Limits{MaxBytes: 64 << 20, MaxNodes: 1 << 21, MaxPlayers: 64, MaxActions: 4096, MaxDepth: 100000, MaxLabel: 4096}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxBytes > 0 {
		d.MaxBytes = l.MaxBytes
	}
	if l.MaxNodes > 0 {
		d.MaxNodes = l.MaxNodes
	}
	if l.MaxPlayers > 0 {
		d.MaxPlayers = l.MaxPlayers
	}
	if l.MaxActions > 0 {
		d.MaxActions = l.MaxActions
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxLabel > 0 {
		d.MaxLabel = l.MaxLabel
	}
	return d
}

// Read reads one game from r; file names it in errors. It reads at most
// DefaultLimits.MaxBytes.
func Read(file string, r io.Reader) (*Game, error) {
	return ReadLimits(file, r, Limits{})
}

// ReadLimits is [Read] with explicit limits.
func ReadLimits(file string, r io.Reader, lim Limits) (*Game, error) {
	lim = lim.orDefault()
	b, err := io.ReadAll(io.LimitReader(r, int64(lim.MaxBytes)+1))
	if err != nil {
		return nil, err
	}
	return ParseLimits(file, b, lim)
}

// Parse parses a game; file names it in errors.
func Parse(file string, src []byte) (*Game, error) {
	return ParseLimits(file, src, Limits{})
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

type parser struct {
	*gambittext.Lexer
	file string
	lim  Limits
}

func (p *parser) errAt(t token, field string, err error, format string, args ...any) error {
	e := err
	if format != "" {
		e = fmt.Errorf("%w: "+format, append([]any{err}, args...)...)
	}
	return &ParseError{File: p.file, Line: t.Line, Column: t.Col, Field: field, Err: e}
}

// lexErr converts a lexical error into a ParseError for field.
func (p *parser) lexErr(err error, field string) error {
	var le *gambittext.Error
	if !errors.As(err, &le) {
		return err
	}
	e := error(ErrUnterminated)
	if errors.Is(err, gambittext.ErrLabel) {
		e = fmt.Errorf("%w: label longer than %d bytes", ErrLimit, p.lim.MaxLabel)
	}
	return &ParseError{File: p.file, Line: le.Line, Column: le.Col, Field: field, Err: e}
}

func (p *parser) peek(field string) (token, error) {
	t, err := p.Peek()
	return t, p.lexErr(err, field)
}

func (p *parser) next(field string) (token, error) {
	t, err := p.Next()
	return t, p.lexErr(err, field)
}

func display(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func describe(t token) string {
	switch t.Kind {
	case tEOF:
		return "end of input"
	case tString:
		return fmt.Sprintf("string %q", display(t.Text))
	}
	return fmt.Sprintf("%q", display(t.Text))
}

func (p *parser) expect(kind gambittext.Kind, field, what string) (token, error) {
	t, err := p.next(field)
	if err != nil {
		return t, err
	}
	if t.Kind != kind {
		return t, p.errAt(t, field, ErrSyntax, "expected %s, found %s", what, describe(t))
	}
	return t, nil
}

// number parses an integer, decimal or fraction exactly, with the bounds
// of gambittext.Number.
func (p *parser) number(t token, field string) (*big.Rat, error) {
	if t.Kind != tWord {
		return nil, p.errAt(t, field, ErrSyntax, "expected a number, found %s", describe(t))
	}
	r, why := gambittext.Number(t.Text)
	if r == nil {
		if why != "" {
			return nil, p.errAt(t, field, ErrNumber, "%q: %s", display(t.Text), why)
		}
		return nil, p.errAt(t, field, ErrNumber, "%q", display(t.Text))
	}
	return r, nil
}

func (p *parser) integer(t token, field string, lo, hi int) (int, error) {
	if t.Kind != tWord {
		return 0, p.errAt(t, field, ErrSyntax, "expected an integer, found %s", describe(t))
	}
	v, err := strconv.Atoi(t.Text)
	if err != nil || v < lo || v > hi {
		return 0, p.errAt(t, field, ErrSyntax, "expected an integer from %d to %d, found %s", lo, hi, describe(t))
	}
	return v, nil
}

// ParseLimits is [Parse] with explicit limits.
func ParseLimits(file string, src []byte, lim Limits) (*Game, error) {
	lim = lim.orDefault()
	lx := gambittext.New(string(src))
	lx.MaxLabel = lim.MaxLabel
	p := &parser{Lexer: lx, file: file, lim: lim}
	if len(src) > lim.MaxBytes {
		return nil, &ParseError{File: file, Line: 1, Column: 1, Field: "file", Err: fmt.Errorf("%w: larger than %d bytes", ErrLimit, lim.MaxBytes)}
	}
	g, err := p.header()
	if err != nil {
		return nil, err
	}
	if err := p.tree(g); err != nil {
		return nil, err
	}
	t, err := p.next("end of file")
	if err != nil {
		return nil, err
	}
	if t.Kind != tEOF {
		return nil, p.errAt(t, "end of file", ErrSyntax, "unexpected %s after the last node of the tree", describe(t))
	}
	return g, nil
}

func (p *parser) header() (*Game, error) {
	t, err := p.next("header")
	if err != nil {
		return nil, err
	}
	if t.Kind != tWord || t.Text != "EFG" {
		return nil, p.errAt(t, "header", ErrHeader, "file must start with EFG, found %s", describe(t))
	}
	if t, err = p.next("version"); err != nil {
		return nil, err
	}
	if t.Kind != tWord || t.Text != "2" {
		return nil, p.errAt(t, "version", ErrHeader, "only version 2 is supported, found %s", describe(t))
	}
	if t, err = p.next("precision"); err != nil {
		return nil, err
	}
	if t.Kind != tWord || (t.Text != "R" && t.Text != "D") {
		return nil, p.errAt(t, "precision", ErrHeader, "expected R or D, found %s", describe(t))
	}
	title, err := p.expect(tString, "title", "the quoted title")
	if err != nil {
		return nil, err
	}
	g := &Game{Title: title.Text}
	if _, err := p.expect(tLBrace, "players", "{ before the player names"); err != nil {
		return nil, err
	}
	for {
		t, err := p.next("player")
		if err != nil {
			return nil, err
		}
		if t.Kind == tRBrace {
			break
		}
		if t.Kind != tString {
			return nil, p.errAt(t, "player", ErrSyntax, "expected a quoted player name or }, found %s", describe(t))
		}
		if len(g.Players) >= p.lim.MaxPlayers {
			return nil, p.errAt(t, "player", ErrLimit, "more than %d players", p.lim.MaxPlayers)
		}
		g.Players = append(g.Players, t.Text)
	}
	if len(g.Players) == 0 {
		return nil, p.errAt(title, "players", ErrSyntax, "a game needs at least one player")
	}
	g.Infosets = make([][]*Infoset, len(g.Players)+1)
	if t, err := p.peek("comment"); err != nil {
		return nil, err
	} else if t.Kind == tString {
		_, _ = p.next("comment")
		g.Comment = t.Text
	}
	return g, nil
}

// infosetKey identifies an information set by player and file number.
type infosetKey struct{ player, number int }

type frame struct {
	node  *Node
	next  int // next child to read
	depth int
}

func (p *parser) tree(g *Game) error {
	infosets := map[infosetKey]*Infoset{}
	outcomes := map[int]*Outcome{}
	var stack []frame
	nodes := 0
	for {
		t, err := p.next("node type")
		if err != nil {
			return err
		}
		if t.Kind == tEOF {
			if g.Root == nil {
				return p.errAt(t, "node type", ErrSyntax, "the game has no nodes")
			}
			return p.errAt(t, "node type", ErrSyntax, "the tree is incomplete: %d more node(s) expected", p.missing(stack))
		}
		if t.Kind != tWord || (t.Text != "p" && t.Text != "c" && t.Text != "t") {
			return p.errAt(t, "node type", ErrSyntax, "expected p, c or t, found %s", describe(t))
		}
		nodes++
		if nodes > p.lim.MaxNodes {
			return p.errAt(t, "node type", ErrLimit, "more than %d nodes", p.lim.MaxNodes)
		}
		if len(stack) >= p.lim.MaxDepth {
			return p.errAt(t, "node type", ErrLimit, "tree deeper than %d nodes", p.lim.MaxDepth)
		}
		n := &Node{Line: t.Line}
		lab, err := p.expect(tString, "node label", "the quoted node label")
		if err != nil {
			return err
		}
		n.Label = lab.Text
		switch t.Text {
		case "t":
			n.Kind = Terminal
		case "c":
			n.Kind = Chance
			if err := p.infoset(g, n, 0, infosets); err != nil {
				return err
			}
		case "p":
			n.Kind = Personal
			pt, err := p.next("player number")
			if err != nil {
				return err
			}
			pl, err := p.integer(pt, "player number", 1, len(g.Players))
			if err != nil {
				return err
			}
			if err := p.infoset(g, n, pl, infosets); err != nil {
				return err
			}
		}
		if err := p.outcome(g, n, outcomes); err != nil {
			return err
		}
		// Attach to the tree.
		if g.Root == nil {
			g.Root = n
		} else {
			top := &stack[len(stack)-1]
			n.Parent = top.node
			top.node.Children[top.next] = n
			top.next++
		}
		if len(n.Children) > 0 {
			stack = append(stack, frame{node: n, depth: len(stack)})
		}
		for len(stack) > 0 && stack[len(stack)-1].next == len(stack[len(stack)-1].node.Children) {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			renumber(g, infosets, outcomes)
			return nil
		}
	}
}

// renumber orders information sets and outcomes by their numbers in the
// file, so that a game written back keeps the file's numbering when it
// is contiguous from 1.
func renumber(g *Game, sets map[infosetKey]*Infoset, outs map[int]*Outcome) {
	num := map[*Infoset]int{}
	for k, h := range sets {
		num[h] = k.number
	}
	for p := range g.Infosets {
		hs := g.Infosets[p]
		sort.SliceStable(hs, func(i, j int) bool { return num[hs[i]] < num[hs[j]] })
		for i, h := range hs {
			h.Index = i
		}
	}
	onum := map[*Outcome]int{}
	for k, o := range outs {
		onum[o] = k
	}
	sort.SliceStable(g.Outcomes, func(i, j int) bool { return onum[g.Outcomes[i]] < onum[g.Outcomes[j]] })
}

func (p *parser) missing(stack []frame) int {
	k := 0
	for _, f := range stack {
		k += len(f.node.Children) - f.next
	}
	return k
}

// numberAndOptions reads "NUMBER ["label"] [{" for field (an infoset or
// outcome number in [lo, 1<<30]): the number's token and value, the label
// token and the opening brace token (nil when absent). After a brace the
// caller reads the list.
func (p *parser) numberAndOptions(field string, lo int) (num token, v int, label, open *token, err error) {
	if num, err = p.next(field + " number"); err != nil {
		return
	}
	if v, err = p.integer(num, field+" number", lo, 1<<30); err != nil {
		return
	}
	for _, want := range []gambittext.Kind{tString, tLBrace} {
		var t token
		if t, err = p.peek(field); err != nil {
			return
		}
		if t.Kind != want {
			continue
		}
		_, _ = p.next("")
		if want == tString {
			label = &t
		} else {
			open = &t
			return
		}
	}
	return
}

// infoset reads "INFOSET ["label"] [{ actions }]" for player pl (0: chance)
// and attaches the node to its information set.
func (p *parser) infoset(g *Game, n *Node, pl int, sets map[infosetKey]*Infoset) error {
	nt, num, label, open, err := p.numberAndOptions("infoset", 1)
	if err != nil {
		return err
	}
	var actions []string
	var probs []*big.Rat
	if open != nil {
		if actions, probs, err = p.actions(pl == 0); err != nil {
			return err
		}
	}
	key := infosetKey{pl, num}
	h := sets[key]
	who := "player " + strconv.Itoa(pl)
	if pl == 0 {
		who = "chance"
	}
	if h == nil {
		if open == nil {
			return p.errAt(nt, "actions", ErrSyntax, "%s's information set %d appears for the first time without its action list", who, num)
		}
		h = &Infoset{Player: pl, Index: len(g.Infosets[pl]), Actions: actions, Probs: probs}
		if label != nil {
			h.Label = label.Text
		}
		sets[key] = h
		g.Infosets[pl] = append(g.Infosets[pl], h)
	} else {
		if label != nil && label.Text != h.Label {
			return p.errAt(*label, "infoset label", ErrInconsistent, "%s's information set %d was labelled %q", who, num, display(h.Label))
		}
		if open != nil {
			if len(actions) != len(h.Actions) {
				return p.errAt(*open, "actions", ErrInconsistent, "%s's information set %d has %d actions, here %d", who, num, len(h.Actions), len(actions))
			}
			for a := range actions {
				if actions[a] != h.Actions[a] {
					return p.errAt(*open, "actions", ErrInconsistent, "%s's information set %d: action %d was %q, here %q", who, num, a+1, display(h.Actions[a]), display(actions[a]))
				}
				if pl == 0 && probs[a].Cmp(h.Probs[a]) != 0 {
					return p.errAt(*open, "probability", ErrInconsistent, "chance information set %d: action %d had probability %s, here %s", num, a+1, h.Probs[a].RatString(), probs[a].RatString())
				}
			}
		}
	}
	n.Infoset = h
	h.Nodes = append(h.Nodes, n)
	n.Children = make([]*Node, len(h.Actions))
	return nil
}

// actions reads the action list after its "{".
func (p *parser) actions(chance bool) ([]string, []*big.Rat, error) {
	var acts []string
	var probs []*big.Rat
	sum := new(big.Rat)
	for {
		t, err := p.next("action")
		if err != nil {
			return nil, nil, err
		}
		if t.Kind == tRBrace {
			if len(acts) == 0 {
				return nil, nil, p.errAt(t, "actions", ErrSyntax, "an information set needs at least one action")
			}
			if chance && sum.Cmp(big.NewRat(1, 1)) != 0 {
				return nil, nil, p.errAt(t, "probability", ErrProbability, "chance probabilities sum to %s, not 1 (write fractions such as 1/3 where decimals do not add up)", sum.RatString())
			}
			return acts, probs, nil
		}
		if t.Kind != tString {
			return nil, nil, p.errAt(t, "action", ErrSyntax, "expected a quoted action label or }, found %s", describe(t))
		}
		if len(acts) >= p.lim.MaxActions {
			return nil, nil, p.errAt(t, "action", ErrLimit, "more than %d actions", p.lim.MaxActions)
		}
		acts = append(acts, t.Text)
		if chance {
			pt, err := p.next("probability")
			if err != nil {
				return nil, nil, err
			}
			r, err := p.number(pt, "probability")
			if err != nil {
				return nil, nil, err
			}
			if r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
				return nil, nil, p.errAt(pt, "probability", ErrProbability, "%s is not in [0, 1]", r.RatString())
			}
			sum.Add(sum, r)
			probs = append(probs, r)
		}
	}
}

// payoffs reads n payoffs and the closing brace (commas optional).
func (p *parser) payoffs(n int, open token) ([]*big.Rat, error) {
	var pays []*big.Rat
	for {
		t, err := p.next("payoff")
		if err != nil {
			return nil, err
		}
		if t.Kind == tRBrace {
			break
		}
		if t.Kind == tComma {
			if len(pays) == 0 {
				return nil, p.errAt(t, "payoff", ErrSyntax, "comma before the first payoff")
			}
			continue
		}
		if len(pays) == n {
			return nil, p.errAt(t, "payoff", ErrSyntax, "more payoffs than the %d players", n)
		}
		r, err := p.number(t, "payoff")
		if err != nil {
			return nil, err
		}
		pays = append(pays, r)
	}
	if len(pays) != n {
		return nil, p.errAt(open, "payoff", ErrSyntax, "%d payoffs for %d players", len(pays), n)
	}
	return pays, nil
}

// outcome reads "OUTCOME ["label"] [{ payoffs }]".
func (p *parser) outcome(g *Game, n *Node, outs map[int]*Outcome) error {
	ot, num, label, open, err := p.numberAndOptions("outcome", 0)
	if err != nil {
		return err
	}
	var pays []*big.Rat
	if open != nil {
		if pays, err = p.payoffs(len(g.Players), *open); err != nil {
			return err
		}
	}
	if num == 0 {
		if label != nil || open != nil {
			return p.errAt(ot, "outcome number", ErrSyntax, "outcome 0 (none) takes no label or payoffs")
		}
		return nil
	}
	o := outs[num]
	if o == nil {
		if open == nil {
			return p.errAt(ot, "payoff", ErrSyntax, "outcome %d appears for the first time without its payoffs", num)
		}
		o = &Outcome{Payoffs: pays}
		if label != nil {
			o.Label = label.Text
		}
		outs[num] = o
		g.Outcomes = append(g.Outcomes, o)
	} else {
		if label != nil && label.Text != o.Label {
			return p.errAt(*label, "outcome label", ErrInconsistent, "outcome %d was labelled %q", num, display(o.Label))
		}
		if open != nil {
			for i := range pays {
				if pays[i].Cmp(o.Payoffs[i]) != 0 {
					return p.errAt(*open, "payoff", ErrInconsistent, "outcome %d: player %d's payoff was %s, here %s", num, i+1, o.Payoffs[i].RatString(), pays[i].RatString())
				}
			}
		}
	}
	n.Outcome = o
	return nil
}
