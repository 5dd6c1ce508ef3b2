// Command sendgen lints SEND mediation case files, computes the statutory
// timetable and renders the position statement, outcome form and
// certificate. All the work is in internal/cli and the packages it calls.
package main

import (
	"os"

	"github.com/sendgen/sendgen/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
