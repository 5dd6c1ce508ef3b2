package stripansi

import (
	"regexp"
	"sync"
)

const ansi = "[\u001B\u009B][[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\u0007)|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))"

// re is compiled on first use, not at package initialisation: every
// program that links stripansi (mpb does) paid for compiling it at
// start-up, stripping anything or not.
var re = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(ansi) })

func Strip(str string) string {
	return re().ReplaceAllString(str, "")
}
