package guard

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// unreachable is a backend whose every call panics (its embedded interface is nil),
// except the rebindings, which return itself: a call that reaches it was passed
// through, a call that returns without panicking was stopped by the guard.
type unreachable struct{ backend.Backend }

func (u unreachable) CloudWatchIn(string) backend.CloudWatch { return u }
func (u unreachable) SNSIn(string) backend.SNS               { return u }

// call invokes method name of v with zero arguments and reports whether it reached
// the unreachable backend (panicked) and the error it returned otherwise.
func call(t *testing.T, v reflect.Value, name string) (reached bool, err error) {
	t.Helper()
	m := v.MethodByName(name)
	if !m.IsValid() {
		t.Fatalf("%s has no method %s", v.Type(), name)
	}
	mt := m.Type()
	args := make([]reflect.Value, mt.NumIn())
	for i := range args {
		args[i] = reflect.Zero(mt.In(i))
	}
	defer func() {
		if recover() != nil {
			reached = true
		}
	}()
	var out []reflect.Value
	if mt.IsVariadic() {
		out = m.CallSlice(args)
	} else {
		out = m.Call(args)
	}
	if n := len(out); n > 0 {
		if e, ok := out[n-1].Interface().(error); ok {
			err = e
		}
	}
	return false, err
}

func methodsOf[T any]() []string {
	it := reflect.TypeOf((*T)(nil)).Elem()
	names := make([]string, it.NumMethod())
	for i := range names {
		names[i] = it.Method(i).Name
	}
	return names
}

// TestEveryMethodIsClassified fails when backend.Backend gains a method that is
// neither a read, a rebinding nor a guarded mutation: a mutation added later cannot
// slip past --read-only unnoticed.
func TestEveryMethodIsClassified(t *testing.T) {
	all := methodsOf[backend.Backend]()
	for _, name := range all {
		n := 0
		if _, ok := mutations[name]; ok {
			n++
		}
		if reads[name] {
			n++
		}
		if rebinds[name] {
			n++
		}
		if n != 1 {
			t.Errorf("backend.Backend.%s is in %d of the guard's tables (mutations, reads, rebinds); classify it in exactly one, and wrap it in guard.go if it changes anything", name, n)
		}
	}
	for _, table := range []map[string]bool{reads, rebinds, keys(mutations)} {
		for name := range table {
			if _, extra := extras[name]; !slices.Contains(all, name) && !extra {
				t.Errorf("%s is classified but backend.Backend has no such method", name)
			}
		}
	}
}

func keys(m map[string]string) map[string]bool {
	k := make(map[string]bool, len(m))
	for n := range m {
		k[n] = true
	}
	return k
}

// TestReadOnlyStopsEveryMutation calls every method of a read-only guard over a
// backend that panics when reached: mutations must come back with KindReadOnly
// without reaching it, reads must reach it.
func TestReadOnlyStopsEveryMutation(t *testing.T) {
	notified := 0
	g := Wrap(unreachable{}, Options{ReadOnly: true, Notify: func(string) { notified++ }})
	targets := map[string]reflect.Value{
		"Backend":    reflect.ValueOf(g),
		"CloudWatch": reflect.ValueOf(g.CloudWatchIn("us-east-1")),
		"SNS":        reflect.ValueOf(g.SNSIn("us-east-1")),
	}
	ifaces := map[string][]string{
		"Backend":    methodsOf[backend.Backend](),
		"CloudWatch": methodsOf[backend.CloudWatch](),
		"SNS":        methodsOf[backend.SNS](),
	}
	for target, names := range ifaces {
		for _, name := range names {
			if rebinds[name] {
				continue
			}
			reached, err := call(t, targets[target], name)
			op, mutating := mutations[name]
			switch {
			case mutating && reached:
				t.Errorf("%s.%s reached the backend in read-only mode", target, name)
			case mutating && backend.KindOf(err) != backend.KindReadOnly:
				t.Errorf("%s.%s: err = %v, want KindReadOnly", target, name, err)
			case mutating && !strings.Contains(err.Error(), "labconsole is read-only (--read-only): "+op+" was not sent to AWS"):
				t.Errorf("%s.%s: message %q", target, name, err)
			case !mutating && !reached:
				t.Errorf("%s.%s is a read but did not reach the backend (err %v)", target, name, err)
			}
		}
	}
	if notified != 0 {
		t.Errorf("Notify called %d times for refused calls", notified)
	}
	// A rebinding of a rebinding stays guarded.
	if err := g.CloudWatchIn("us-east-1").CloudWatchIn("eu-west-1").PutAlarm(context.Background(), model.AlarmInput{}); backend.KindOf(err) != backend.KindReadOnly {
		t.Errorf("CloudWatchIn twice: %v", err)
	}
	if _, err := g.SNSIn("us-east-1").SNSIn("eu-west-1").CreateTopic(context.Background(), model.NewTopic{}); backend.KindOf(err) != backend.KindReadOnly {
		t.Errorf("SNSIn twice: %v", err)
	}
}

// TestWritableGuardPassesEverythingThrough: without ReadOnly, every method reaches
// the backend.
func TestWritableGuardPassesEverythingThrough(t *testing.T) {
	g := Wrap(unreachable{}, Options{})
	for _, name := range methodsOf[backend.Backend]() {
		if rebinds[name] {
			continue
		}
		if reached, err := call(t, reflect.ValueOf(g), name); !reached {
			t.Errorf("%s did not reach the backend: %v", name, err)
		}
	}
}

func newSimBackend(t *testing.T) backend.Backend {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
}

// TestNotifyAfterSuccessfulMutations runs calls on the simulator: successful
// mutations are reported by name, reads and failed mutations are not, and a
// signed-in backend stays guarded.
func TestNotifyAfterSuccessfulMutations(t *testing.T) {
	ctx := context.Background()
	var ops []string
	inner := newSimBackend(t)
	g := Wrap(inner, Options{Notify: func(op string) { ops = append(ops, op) }})
	if _, err := g.CreateUser(ctx, model.NewUser{UserName: "guard-user"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.CreateUser(ctx, model.NewUser{UserName: "guard-user"}); backend.KindOf(err) != backend.KindAlreadyExists {
		t.Fatalf("second CreateUser: %v", err)
	}
	if _, err := g.ListUsers(ctx, model.PageRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "guard-user", Password: "Guard-Pass-123!"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.SNSIn(inner.Info().Region).CreateTopic(ctx, model.NewTopic{Name: "guard-topic"}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"CreateUser", "CreateLoginProfile", "CreateTopic"}; !slices.Equal(ops, want) {
		t.Fatalf("notified %v, want %v", ops, want)
	}

	// Re-wrapping a guarded backend replaces the guard instead of stacking one.
	ro := Wrap(g, Options{ReadOnly: true})
	if Unwrap(ro) != inner || !ro.ReadOnly() {
		t.Fatalf("Wrap(guarded) = %T over %T", ro.Backend, Unwrap(ro))
	}
	if _, err := ro.CreateGroup(ctx, model.NewGroup{GroupName: "guard-group"}); backend.KindOf(err) != backend.KindReadOnly {
		t.Fatalf("read-only CreateGroup: %v", err)
	}
	if _, _, err := inner.GetGroup(ctx, "guard-group"); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("the refused group exists: %v", err)
	}
	if len(ops) != 3 {
		t.Fatalf("a re-wrapped guard notified the old Notify: %v", ops)
	}

	// Signing in is refused read-only; a signed-in backend keeps the guard.
	if _, err := ro.SignIn(ctx, "guard-user", "Guard-Pass-123!"); backend.KindOf(err) != backend.KindReadOnly {
		t.Fatalf("read-only SignIn: %v", err)
	}
	nb, err := g.SignIn(ctx, "guard-user", "Guard-Pass-123!")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := nb.(*Backend); !ok {
		t.Fatalf("signed-in backend is %T, not guarded", nb)
	}
	if _, err := nb.CreateGroup(ctx, model.NewGroup{GroupName: "x"}); backend.KindOf(err) != backend.KindAccessDenied {
		t.Fatalf("lab-user-like CreateGroup: %v", err) // no policies: denied, so no notification
	}
	if want := []string{"CreateUser", "CreateLoginProfile", "CreateTopic", "SignIn"}; !slices.Equal(ops, want) {
		t.Fatalf("notified %v, want %v", ops, want)
	}
}

func TestReadOnlyError(t *testing.T) {
	err := ReadOnlyError("iam:CreateUser")
	var be *backend.Error
	if !errors.As(err, &be) || be.Kind != backend.KindReadOnly || be.Op != "iam:CreateUser" {
		t.Fatalf("%#v", err)
	}
	if got := fmt.Sprint(err); !strings.Contains(got, "iam:CreateUser was not sent to AWS") {
		t.Fatal(got)
	}
}

// TestGuardKeepsWhatAwsapiAdds: screens type-assert the backend for what
// backend/awsapi has beyond backend.Backend (the simulator's clock, LookupEvents
// pacing); every such method must be classified in extras and present on the guard
// with the same signature, so wrapping the backend does not hide it.
func TestGuardKeepsWhatAwsapiAdds(t *testing.T) {
	iface := reflect.TypeOf((*backend.Backend)(nil)).Elem()
	impl := reflect.TypeOf((*awsapi.Backend)(nil))
	guarded := reflect.TypeOf((*Backend)(nil))
	for i := 0; i < impl.NumMethod(); i++ {
		m := impl.Method(i)
		if _, ok := iface.MethodByName(m.Name); ok {
			continue
		}
		op, ok := extras[m.Name]
		if !ok {
			t.Errorf("awsapi.Backend.%s is not in the guard's extras: classify it and give the guard the method", m.Name)
			continue
		}
		if op != "" && mutations[m.Name] != op {
			t.Errorf("extra mutation %s must be in mutations as %s", m.Name, op)
		}
		gm, ok := guarded.MethodByName(m.Name)
		if !ok || gm.Type.NumIn() != m.Type.NumIn() || gm.Type.NumOut() != m.Type.NumOut() {
			t.Errorf("the guard lacks awsapi.Backend.%s %v", m.Name, m.Type)
			continue
		}
		for j := 1; j < m.Type.NumIn(); j++ {
			if gm.Type.In(j) != m.Type.In(j) {
				t.Errorf("%s: argument %d is %v, awsapi has %v", m.Name, j, gm.Type.In(j), m.Type.In(j))
			}
		}
		for j := 0; j < m.Type.NumOut(); j++ {
			if gm.Type.Out(j) != m.Type.Out(j) {
				t.Errorf("%s: result %d is %v, awsapi has %v", m.Name, j, gm.Type.Out(j), m.Type.Out(j))
			}
		}
	}
}

func TestSimulatorClockThroughTheGuard(t *testing.T) {
	ctx := context.Background()
	inner := newSimBackend(t)
	var ops []string
	g := Wrap(inner, Options{Notify: func(op string) { ops = append(ops, op) }})
	before, err := g.SimulatorClock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after, err := g.AdvanceClock(ctx, time.Hour)
	if err != nil || after.Sub(before) < time.Hour {
		t.Fatalf("advance: %v → %v, %v", before, after, err)
	}
	if !slices.Equal(ops, []string{"AdvanceClock"}) {
		t.Fatalf("notified %v", ops)
	}
	ro := Wrap(inner, Options{ReadOnly: true})
	if _, err := ro.AdvanceClock(ctx, time.Hour); backend.KindOf(err) != backend.KindReadOnly {
		t.Fatalf("read-only advance: %v", err)
	}
	if now, err := ro.SimulatorClock(ctx); err != nil || now.Before(after) || now.Sub(after) > time.Minute {
		t.Fatalf("clock after a refused advance: %v (was %v), %v", now, after, err)
	}
	if _, err := Wrap(unreachable{}, Options{}).AdvanceClock(ctx, time.Hour); backend.KindOf(err) != backend.KindValidation {
		t.Fatalf("no clock: %v", err)
	}
}
