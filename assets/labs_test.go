package assets

import "testing"

func TestEmbeddedLabsParse(t *testing.T) {
	for _, id := range LabIDs() {
		l, err := Lab(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Steps()) == 0 {
			t.Fatalf("%s: no steps", id)
		}
	}
	if _, err := Lab("nope"); err == nil {
		t.Fatal("unknown lab loaded")
	}
}
