package report

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Parameters of the line hash GitHub code scanning computes for
// partialFingerprints.primaryLocationLineHash (github/codeql-action,
// src/fingerprints.ts). They must not change: GitHub compares our value
// with the one it would compute itself.
const (
	hashWindow = 100
	hashBase   = 37
	hashEOF    = 0xFFFF // hashed once after the last character
)

// LineHashes returns GitHub's primaryLocationLineHash for every line of a
// file, index 0 for line 1. Each is a rolling hash of the 100 characters
// from the start of the line on, spaces and tabs left out and line ends
// normalised to LF, so re-indenting a line keeps its alerts; it is
// followed by ":n" for the n-th occurrence of that value in the file, so
// identical lines stay apart. A file ending in a line end has one more
// (empty) line after it, as GitHub counts lines.
func LineHashes(content []byte) []string {
	var pow uint64 = 1 // hashBase^hashWindow: the weight a character has when it leaves the window
	for range hashWindow {
		pow *= hashBase
	}
	var (
		window    [hashWindow]uint16
		starts    [hashWindow]bool // window[i] is the first character of a line
		pos       int              // slot of the oldest character, where the next one goes
		hash      uint64
		lineStart = true
		prevCR    bool
		counts    = map[uint64]int{}
		out       []string
	)
	// emit records the hash of the line whose first character sits in the
	// slot about to be overwritten: the window then holds exactly that
	// character and the 99 kept after it. Every line has a kept character
	// (its LF, or the EOF marker), so lines come out in order, one each.
	emit := func() {
		counts[hash]++
		out = append(out, strconv.FormatUint(hash, 16)+":"+strconv.Itoa(counts[hash]))
		starts[pos] = false
	}
	push := func(c uint16) {
		hash = hash*hashBase + uint64(c) - pow*uint64(window[pos])
		window[pos] = c
		pos = (pos + 1) % hashWindow
	}
	add := func(c uint16) {
		// An LF right after a CR is part of that line end. Any skipped
		// character clears the CR state, so CR, space, LF is two line ends,
		// as in the original.
		if c == ' ' || c == '\t' || (prevCR && c == '\n') {
			prevCR = false
			return
		}
		prevCR = c == '\r'
		if prevCR {
			c = '\n'
		}
		if starts[pos] {
			emit()
		}
		if lineStart {
			starts[pos] = true
		}
		lineStart = c == '\n'
		push(c)
	}
	forEachUTF16(content, add)
	add(hashEOF)
	for range hashWindow {
		if starts[pos] {
			emit()
		}
		push(0)
	}
	return out
}

// forEachUTF16 calls f with each UTF-16 code unit of content decoded as
// UTF-8, since the original hashes JavaScript string characters. Invalid
// input becomes U+FFFD per maximal ill-formed subsequence, as Node's UTF-8
// decoder (WHATWG Encoding) does.
func forEachUTF16(content []byte, f func(uint16)) {
	for len(content) > 0 {
		r, n := utf8.DecodeRune(content)
		if r == utf8.RuneError && n <= 1 {
			n = invalidPrefix(content)
		}
		content = content[n:]
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			f(uint16(r1))
			f(uint16(r2))
		} else {
			f(uint16(r))
		}
	}
}

// invalidPrefix returns the length of the ill-formed sequence at the start
// of b that one U+FFFD replaces: a lead byte and the continuation bytes
// that could still have completed it (a truncated sequence), else one byte.
func invalidPrefix(b []byte) int {
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lo || b[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return n
}
