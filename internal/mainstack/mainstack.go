// Package mainstack grows the main goroutine's stack to 16 KiB in one step
// at the start of package initialisation, before it is deep. Importing it
// (blank) from a main package is all there is to it: cmd/infragame and
// cmd/infragame-full do.
//
// Why: a goroutine starts with a 2 KiB stack, and the runtime doubles it
// each time a call needs more, copying the whole stack and adjusting every
// frame on it (for each frame it decodes the function's tables in the
// binary's pclntab, pages of a 12–23 MB program that the process then
// faults in). The main goroutine of `infragame version` grew 2→4→8 KiB, and
// of `game solve`, `lcc run`, `finance ge`, `auction solve` 2→4→8→16 KiB,
// the later copies deep inside package initialisers and cobra (uprobe on
// runtime.copystack). Growing it here, when only a few frames are on the
// stack, makes that one cheap copy; 16 KiB covers those commands.
//
// Measured on the front (CGO_ENABLED=0 -ldflags='-s -w' -trimpath, 2 cores,
// 2026-12-08): user-space instructions (valgrind --tool=callgrind, with
// GODEBUG=asyncpreemptoff=1) of `infragame version` 1.57–1.62 M → 1.44 M
// (−9 %), of `game solve` on a 6×6 game 2.91–2.98 M → 2.83–2.95 M, the
// runtime's pcvalue/step decoding 92 k → 28–45 k of them. Most of a short
// command's time is the kernel's (page faults), so wall and CPU time move
// less: 1.02× wall, 1.02× CPU for `version`, within the noise of a machine
// at load 10–14 (internal/benchtools/pairbench -N through
// scripts/hiprio.sh, 600 interleaved pairs; 0.93× / 0.90× in an earlier
// run at load 22).
//
// Go initialises packages in import-path order as soon as their imports
// are initialised; this package imports nothing, so it runs among the
// first, before the initialisers that go deep (regular expressions of
// go.yaml.in/yaml/v3). The stack is not shrunk until a garbage collection
// finds it mostly unused, so it costs 16 KiB of memory at most.
package mainstack

// frameBytes is the size of grow's frame: calling it on the 2 KiB stack of
// the main goroutine makes the runtime allocate the smallest power of two
// that holds it with what is already in use and the stack guard, 16 KiB
// (runtime.newstack grows to fit the frame of the function that overflowed).
const frameBytes = 12 << 10

// sink keeps grow's result, so that the compiler keeps its frame; its value
// means nothing.
var sink byte

// grow has a frame of frameBytes. The index i comes from a variable the
// compiler cannot see through, so the array stays on the stack and whole.
//
//go:noinline
func grow(i int) byte {
	var frame [frameBytes]byte
	frame[i] = 1
	return frame[frameBytes-1-i]
}

func init() { sink = grow(int(sink)) }
