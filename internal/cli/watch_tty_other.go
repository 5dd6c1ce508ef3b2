//go:build !unix

package cli

import "os"

// notifyResize: no resize signal here; the screen is redrawn at the next
// build, for the terminal's size then.
func notifyResize() chan os.Signal { return make(chan os.Signal) }
