package send

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Council is a principal council, with its names in English and in Welsh.
type Council struct {
	English, Welsh string
	// also are other names it goes by ("Cardiff", "Cyngor Sir Gâr").
	also []string
}

// WelshCouncils are the 22 principal councils of Wales (Local Government
// (Wales) Act 1994, Sch. 1). The SEND Regulations 2014 and the timetable
// sendgen computes do not apply to them: Wales has the additional learning
// needs (ALN) system of the Additional Learning Needs and Education Tribunal
// (Wales) Act 2018, with appeals to the Education Tribunal for Wales.
var WelshCouncils = []Council{
	{English: "Isle of Anglesey County Council", Welsh: "Cyngor Sir Ynys Môn", also: []string{"Anglesey"}},
	{English: "Gwynedd Council", Welsh: "Cyngor Gwynedd"},
	{English: "Conwy County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Conwy"},
	{English: "Denbighshire County Council", Welsh: "Cyngor Sir Ddinbych", also: []string{"Sir Ddinbych"}},
	{English: "Flintshire County Council", Welsh: "Cyngor Sir y Fflint", also: []string{"Sir y Fflint"}},
	{English: "Wrexham County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Wrecsam"},
	{English: "Powys County Council", Welsh: "Cyngor Sir Powys"},
	{English: "Ceredigion County Council", Welsh: "Cyngor Sir Ceredigion"},
	{English: "Pembrokeshire County Council", Welsh: "Cyngor Sir Penfro", also: []string{"Sir Benfro"}},
	{English: "Carmarthenshire County Council", Welsh: "Cyngor Sir Gâr", also: []string{"Cyngor Sir Caerfyrddin", "Sir Gaerfyrddin"}},
	{English: "Swansea Council", Welsh: "Cyngor Abertawe", also: []string{"City and County of Swansea Council", "Dinas a Sir Abertawe"}},
	{English: "Neath Port Talbot County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot"},
	{English: "Bridgend County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr"},
	{English: "Vale of Glamorgan Council", Welsh: "Cyngor Bro Morgannwg"},
	{English: "Rhondda Cynon Taf County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf", also: []string{"Rhondda Cynon Taff"}},
	{English: "Merthyr Tydfil County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Merthyr Tudful"},
	{English: "Caerphilly County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Caerffili"},
	{English: "Blaenau Gwent County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Blaenau Gwent"},
	{English: "Torfaen County Borough Council", Welsh: "Cyngor Bwrdeistref Sirol Torfaen"},
	{English: "Monmouthshire County Council", Welsh: "Cyngor Sir Fynwy", also: []string{"Sir Fynwy"}},
	{English: "Newport City Council", Welsh: "Cyngor Dinas Casnewydd"},
	{English: "Cardiff Council", Welsh: "Cyngor Caerdydd", also: []string{"City of Cardiff Council", "Cyngor Dinas Caerdydd"}},
}

// councilWords are the words of a council's name that say what kind of
// council it is, not which: dropped before names are compared, so
// "Wrexham", "Wrexham Council" and "Wrexham County Borough Council" are one.
var councilWords = map[string]bool{
	"council": true, "county": true, "borough": true, "city": true, "and": true, "of": true, "the": true,
	"cbc": true, "cc": true, "metropolitan": true, "district": true, "authority": true, "local": true,
	// Welsh: cyngor (council), sir/sirol (county), bwrdeistref (borough),
	// dinas (city), a (and), y (the).
	"cyngor": true, "sir": true, "sirol": true, "bwrdeistref": true, "dinas": true, "a": true, "y": true,
}

// welshIndex is built on first use, not when sendgen starts.
var welshIndex = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, c := range WelshCouncils {
		for _, n := range append([]string{c.English, c.Welsh}, c.also...) {
			if k := councilKey(n); k != "" {
				m[k] = i
			}
		}
	}
	return m
})

// LookupWelshCouncil reports whether name is one of the principal councils
// of Wales, in English or Welsh, however it is written: with or without
// "County Borough Council" or "Council", in any case, with or without
// accents (Môn, Mon), or both names joined by '/' ("Cyngor Sir Ynys Môn /
// Isle of Anglesey County Council").
func LookupWelshCouncil(name string) (Council, bool) {
	for _, part := range append([]string{name}, strings.Split(name, "/")...) {
		if i, ok := welshIndex()[councilKey(part)]; ok {
			return WelshCouncils[i], true
		}
	}
	return Council{}, false
}

// councilKey is a council name reduced to the words that name the place:
// accents removed, lower case, punctuation and councilWords dropped.
func councilKey(name string) string {
	plain := name
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			if s, _, err := transform.String(t, name); err == nil {
				plain = s
			}
			break
		}
	}
	words := strings.FieldsFunc(strings.ToLower(plain), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if !councilWords[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
