package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ShiftDecimal moves the decimal point of the decimal number s by places
// digits (to the right when places > 0: ShiftDecimal("0.001", 2) is "0.1";
// to the left when places < 0: ShiftDecimal("5", -2) is "0.05"), by
// rewriting its digits, not by arithmetic. A fraction and the percentage
// it gives therefore parse to the same float64 after the shift back:
// strconv.ParseFloat rounds the exact decimal value, which the shift keeps.
// s is a plain decimal as YAML and JSON write numbers: an optional sign,
// digits with at most one point, an optional exponent ("1.5e-3"). The
// result is written without exponent, with no leading or trailing zeros
// beyond those a decimal needs. Anything else is an error.
func ShiftDecimal(s string, places int) (string, error) {
	bad := func() (string, error) { return "", fmt.Errorf("%q is not a decimal number", s) }
	t := s
	sign := ""
	if t != "" && (t[0] == '-' || t[0] == '+') {
		if t[0] == '-' {
			sign = "-"
		}
		t = t[1:]
	}
	exp := 0
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		e, err := strconv.Atoi(t[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return bad()
		}
		exp, t = e, t[:i]
	}
	intPart, frac, _ := strings.Cut(t, ".")
	digits := intPart + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return bad()
	}
	if places > 1000 || places < -1000 {
		return bad()
	}
	point := len(intPart) + exp + places // digits before the point
	switch {
	case point <= 0:
		digits = strings.Repeat("0", 1-point) + digits
		point = 1
	case point > len(digits):
		digits += strings.Repeat("0", point-len(digits))
	}
	ip := strings.TrimLeft(digits[:point], "0")
	if ip == "" {
		ip = "0"
	}
	fp := strings.TrimRight(digits[point:], "0")
	out := ip
	if fp != "" {
		out += "." + fp
	}
	if out == "0" {
		sign = ""
	}
	return sign + out, nil
}

// FractionOf returns the decimal fraction of the percentage pct (12 gives
// 0.12), by moving the decimal point of pct's shortest decimal form
// ([ShiftDecimal]), so that a percentage typed on the command line gives
// the same float64 as the fraction written in a file ("--synergy 10" and
// "synergy: 0.1"); pct/100 can differ from it in the last bit. It does not
// allocate (sweeps convert every swept percentage at every point).
func FractionOf(pct float64) float64 {
	if math.IsNaN(pct) || math.IsInf(pct, 0) {
		return pct / 100
	}
	return shiftFloat(pct, -2)
}

// PercentOf returns the percentage of the fraction f (0.0346 gives 3.46,
// not 3.4599999999999995), by moving the decimal point of f's shortest
// decimal form; NaN and infinities are returned as they are.
func PercentOf(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	return shiftFloat(f, 2)
}

// shiftFloat returns the float64 nearest to x's shortest decimal form with
// its point moved by places digits: the value of ShiftDecimal on
// strconv.FormatFloat(x, 'f', -1, 64), parsed. It writes the same digits
// in exponent form with the exponent moved instead (the same exact
// decimal value, so strconv.ParseFloat, which rounds correctly, gives the
// same float64), in a buffer on the stack. Zero of either sign gives +0,
// as ShiftDecimal writes "0" for it. x is finite.
func shiftFloat(x float64, places int) float64 {
	if x == 0 {
		return 0
	}
	var buf [40]byte // "-d.dddddddddddddddde-308" and a larger exponent
	b := strconv.AppendFloat(buf[:0], x, 'e', -1, 64)
	i := len(b) - 1
	for b[i] != 'e' {
		i--
	}
	exp, err := strconv.Atoi(string(b[i+1:]))
	if err != nil {
		panic("units: shiftFloat: " + err.Error()) // AppendFloat wrote the exponent
	}
	b = strconv.AppendInt(b[:i+1], int64(exp+places), 10)
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		panic("units: shiftFloat: " + err.Error())
	}
	return f
}
