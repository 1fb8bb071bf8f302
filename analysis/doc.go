// Package analysis answers the questions that need more than counting:
// which tasks of one year continue another year's (continuity), which units
// that vanished between two years reappear under another name (lineage
// suggestions), which district tasks carry out a city task (cascades), and
// how the co-ownership network is structured.
//
// Everything is computed in Go over the graph.Store interface, so every
// store answers identically.
package analysis
