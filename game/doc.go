// Package game implements finite games in strategic (normal) form and their
// equilibrium solvers.
package game
