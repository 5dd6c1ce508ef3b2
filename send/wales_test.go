package send

import "testing"

func TestLookupWelshCouncil(t *testing.T) {
	if len(WelshCouncils) != 22 {
		t.Fatalf("%d Welsh councils, want the 22 principal councils", len(WelshCouncils))
	}
	for _, c := range WelshCouncils {
		for _, n := range []string{c.English, c.Welsh} {
			if got, ok := LookupWelshCouncil(n); !ok || got.English != c.English {
				t.Errorf("%q: not recognised as %s", n, c.English)
			}
		}
	}
	tests := []struct {
		name  string
		welsh string // "" for an English council
	}{
		{"Cyngor Sir Ynys Môn / Isle of Anglesey County Council", "Isle of Anglesey County Council"},
		{"Cyngor Sir Ynys Mon", "Isle of Anglesey County Council"},
		{"Isle of Anglesey", "Isle of Anglesey County Council"},
		{"Cardiff Council / Cyngor Caerdydd", "Cardiff Council"},
		{"City of Cardiff Council", "Cardiff Council"},
		{"Cardiff", "Cardiff Council"},
		{"Rhondda Cynon Taf", "Rhondda Cynon Taf County Borough Council"},
		{"RHONDDA CYNON TAFF COUNTY BOROUGH COUNCIL", "Rhondda Cynon Taf County Borough Council"},
		{"Wrexham", "Wrexham County Borough Council"},
		{"Wrexham Council", "Wrexham County Borough Council"},
		{"Powys", "Powys County Council"},
		{"Cyngor Sir Gâr", "Carmarthenshire County Council"},
		{"Cyngor Sir Gar", "Carmarthenshire County Council"},
		{"City and County of Swansea", "Swansea Council"},
		{"Pen-y-bont ar Ogwr", "Bridgend County Borough Council"},
		{"Vale of Glamorgan", "Vale of Glamorgan Council"},
		{"  newport   city council ", "Newport City Council"},
		// England: not matched, however close.
		{"Westminster City Council", ""},
		{"Cheshire West and Chester Council", ""},
		{"Isle of Wight Council", ""},
		{"Newport Pagnell Town Council", ""},
		{"Monmouth Road Academy", ""},
		{"Council", ""},
		{"", ""},
	}
	for _, tt := range tests {
		c, ok := LookupWelshCouncil(tt.name)
		if ok != (tt.welsh != "") || ok && c.English != tt.welsh {
			t.Errorf("LookupWelshCouncil(%q) = %q, %v; want %q", tt.name, c.English, ok, tt.welsh)
		}
	}
}

func BenchmarkLookupWelshCouncil(b *testing.B) {
	for b.Loop() {
		LookupWelshCouncil("Westminster City Council")
	}
}
