package guard

import (
	"reflect"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
)

// unreachableLab is unreachable with backend.LabResources, whose every call panics too.
type unreachableLab struct {
	unreachable
	backend.LabResources
}

// TestReadOnlyStopsEveryLabResourcesMutation calls every method of
// backend.LabResources on a read-only guard: the clean-up's deletions and the
// decorator's tagging come back refused without reaching the backend, named as
// extras classifies them; the tag and list reads pass.
func TestReadOnlyStopsEveryLabResourcesMutation(t *testing.T) {
	g := Wrap(unreachableLab{}, Options{ReadOnly: true})
	for _, name := range methodsOf[backend.LabResources]() {
		op, ok := extras[name]
		if !ok {
			t.Errorf("backend.LabResources.%s is not classified in extras", name)
			continue
		}
		if op != "" && mutations[name] != op {
			t.Errorf("%s: mutations has %q, extras %q", name, mutations[name], op)
		}
		reached, err := call(t, reflect.ValueOf(g), name)
		switch {
		case op != "" && reached:
			t.Errorf("%s reached the backend in read-only mode", name)
		case op != "" && (backend.KindOf(err) != backend.KindReadOnly || !strings.Contains(err.Error(), op+" was not sent to AWS")):
			t.Errorf("%s: err = %v, want the read-only refusal of %s", name, err, op)
		case op == "" && !reached:
			t.Errorf("%s is a read but did not reach the backend (err %v)", name, err)
		}
	}
	// Writable, every method reaches the backend.
	w := Wrap(unreachableLab{}, Options{})
	for _, name := range methodsOf[backend.LabResources]() {
		if reached, err := call(t, reflect.ValueOf(w), name); !reached {
			t.Errorf("%s did not reach the backend: %v", name, err)
		}
	}
}
