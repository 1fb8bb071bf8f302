package attach

import "time"

// SetPDFTimeout sets how long pdftotext may run, until the test ends.
func SetPDFTimeout(t interface{ Cleanup(func()) }, d time.Duration) {
	old := pdftotextTimeout
	pdftotextTimeout = d
	t.Cleanup(func() { pdftotextTimeout = old })
}
