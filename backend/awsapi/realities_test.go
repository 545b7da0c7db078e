package awsapi_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// counting wraps the simulator's transport and counts requests by operation and
// throttling answers.
type counting struct {
	rt        http.RoundTripper
	throttled atomic.Int32
	lookups   atomic.Int32 // LookupEvents requests sent
	mu        sync.Mutex
	ops       map[string]int // by awsQuery Action or control path
}

func (c *counting) sent(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ops[op]
}

func (c *counting) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".LookupEvents") {
		c.lookups.Add(1)
	}
	op := r.URL.Path
	if r.Body != nil && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, err := url.ParseQuery(string(body)); err == nil {
			op = form.Get("Action")
		}
	}
	c.mu.Lock()
	if c.ops == nil {
		c.ops = map[string]int{}
	}
	c.ops[op]++
	c.mu.Unlock()
	resp, err := c.rt.RoundTrip(r)
	if err != nil || resp.StatusCode < 400 {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if bytes.Contains(body, []byte("Rate exceeded")) {
		c.throttled.Add(1)
	}
	return resp, nil
}

// realitiesSim is a simulator with AWS's realities switched on and the awsapi
// Backend on it through a counting transport.
func realitiesSim(t *testing.T, o sim.Options) (*sim.Sim, *awsapi.Backend, *counting) {
	t.Helper()
	s, err := sim.New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := &counting{rt: s.RoundTripper()}
	creds := s.AdminCredentials()
	return s, awsapi.NewSimulator(awsapi.SimOptions{Transport: c, Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey}), c
}

// rawConfig is an SDK config on the simulator without retries: what a caller
// without awsapi's pacing and retries gets.
func rawConfig(s *sim.Sim, rt http.RoundTripper, keyID, secret string) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(keyID, secret, ""),
		HTTPClient:   &http.Client{Transport: rt},
		BaseEndpoint: aws.String(awsapi.SimulatorEndpoint),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func apiCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// TestLookupEventsPacedUnderThrottling: with the simulator throttling LookupEvents
// at 2 per second, unpaced calls are refused, while the Backend's calls (Event
// history, the dashboard, an export paging through everything, all at once) all
// complete without one throttling answer, waiting their turn.
func TestLookupEventsPacedUnderThrottling(t *testing.T) {
	ctx := context.Background()
	s, b, c := realitiesSim(t, sim.Options{Throttling: true})
	creds := s.AdminCredentials()
	raw := cloudtrail.NewFromConfig(rawConfig(s, s.RoundTripper(), creds.AccessKeyID, creds.SecretAccessKey))
	var refused int
	for range 8 {
		if _, err := raw.LookupEvents(ctx, &cloudtrail.LookupEventsInput{}); apiCode(err) == "ThrottlingException" {
			refused++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if refused == 0 {
		t.Fatal("8 unpaced LookupEvents at once were all answered: the simulator does not throttle")
	}
	// Enough events for more than one page of 50.
	for i := range 60 {
		_, err := b.CreateUser(ctx, model.NewUser{UserName: fmt.Sprintf("user-%02d", i)})
		check(t, err)
	}
	time.Sleep(time.Second) // the raw calls' tokens come back

	var waits atomic.Int32
	// Screens set the wait function through package backend (they never import
	// awsapi); the paced calls must report to it.
	waitCtx := backend.WithLookupWait(ctx, func(w backend.LookupWait) {
		if w.Wait > 0 {
			waits.Add(1)
		}
	})
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 3 { // screens asking at once
		wg.Go(func() {
			_, err := b.LookupEvents(waitCtx, model.EventQuery{Page: model.PageRequest{Limit: 5}})
			errs <- err
		})
	}
	var exported int
	wg.Go(func() { // an export paging through every event
		token := ""
		for {
			p, err := b.LookupEvents(waitCtx, model.EventQuery{Page: model.PageRequest{Token: token}})
			if err != nil {
				errs <- err
				return
			}
			exported += len(p.Items)
			if token = p.NextToken; token == "" {
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a paced LookupEvents failed: %v", err)
		}
	}
	if exported < 60 {
		t.Fatalf("the export saw %d events, want every page (at least the 60 CreateUser)", exported)
	}
	sent := int(c.lookups.Load())
	if sent < 5 {
		t.Fatalf("only %d LookupEvents were sent", sent)
	}
	if got := c.throttled.Load(); got != 0 {
		t.Fatalf("%d paced calls were throttled", got)
	}
	if elapsed, least := time.Since(start), time.Duration(sent-2)*time.Second/awsapi.LookupEventsPerSecond; elapsed < least {
		t.Fatalf("%d calls took %v: faster than 2 per second", sent, elapsed)
	}
	if waits.Load() == 0 {
		t.Fatal("no call reported its wait through WithLookupWait")
	}
	var pacer backend.LookupPacer = b
	if p := pacer.LookupPace(); p.PerSecond != backend.LookupEventsPerSecond || p.Queued != 0 {
		t.Fatalf("LookupPace after the calls = %+v", p)
	}
}

// TestLookupEventsWaitEndsWithTheContext: a call waiting for its turn gives up when
// its screen goes away.
func TestLookupEventsWaitEndsWithTheContext(t *testing.T) {
	_, b, _ := realitiesSim(t, sim.Options{})
	ctx := context.Background()
	_, err := b.LookupEvents(ctx, model.EventQuery{})
	check(t, err)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = b.LookupEvents(short, model.EventQuery{})
	if backend.KindOf(err) != backend.KindCanceled {
		t.Fatalf("LookupEvents waiting past its context = %v, want canceled", err)
	}
	if _, err := b.LookupEvents(ctx, model.EventQuery{}); err != nil {
		t.Fatal(err)
	}
}

// spendRate spends the account's LookupEvents rate from another client, four
// calls at once.
func spendRate(ctx context.Context, raw *cloudtrail.Client) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { _, _ = raw.LookupEvents(ctx, &cloudtrail.LookupEventsInput{}) })
	}
	wg.Wait()
}

// notThrottled fails the test when the Backend's call should have met a spent
// rate, and skips it when the machine was too slow for the rate to stay spent.
func notThrottled(t *testing.T, burst time.Time) {
	t.Helper()
	if time.Since(burst) > 400*time.Millisecond {
		t.Skipf("the machine took %v: the rate refilled before the call", time.Since(burst))
	}
	t.Fatal("the Backend's call was never throttled, so the retry was not tested")
}

// TestRetryerBacksOffOnThrottlingInSimulatorMode: a LookupEvents that finds the
// account's rate spent by another client is throttled, retried and answered.
func TestRetryerBacksOffOnThrottlingInSimulatorMode(t *testing.T) {
	ctx := context.Background()
	s, b, c := realitiesSim(t, sim.Options{Throttling: true})
	creds := s.AdminCredentials()
	raw := cloudtrail.NewFromConfig(rawConfig(s, s.RoundTripper(), creds.AccessKeyID, creds.SecretAccessKey))
	burst := time.Now()
	spendRate(ctx, raw)
	if _, err := b.LookupEvents(ctx, model.EventQuery{}); err != nil {
		t.Fatalf("LookupEvents after another client spent the rate: %v", err)
	}
	if c.throttled.Load() == 0 {
		notThrottled(t, burst)
	}
}

// TestRetryerBacksOffOnThrottlingInAWSMode: the same through NewAWS (the default
// credential chain, AWS_ENDPOINT_URL at `labconsole sim`).
func TestRetryerBacksOffOnThrottlingInAWSMode(t *testing.T) {
	ctx := context.Background()
	s, err := sim.New(ctx, sim.Options{Throttling: true})
	check(t, err)
	defer s.Close()
	var throttled atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		if bytes.Contains(rec.Body.Bytes(), []byte("Rate exceeded")) {
			throttled.Add(1)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	defer srv.Close()
	creds := s.AdminCredentials()
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent/labconsole-test")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/labconsole-test")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", creds.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", creds.SecretAccessKey)
	t.Setenv("AWS_RETRY_MODE", "")
	t.Setenv("AWS_MAX_ATTEMPTS", "")
	b, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Region: s.Region()})
	check(t, err)
	raw := cloudtrail.NewFromConfig(rawConfig(s, s.RoundTripper(), creds.AccessKeyID, creds.SecretAccessKey))
	burst := time.Now()
	spendRate(ctx, raw)
	if _, err := b.LookupEvents(ctx, model.EventQuery{}); err != nil {
		t.Fatalf("LookupEvents on the AWS code path after another client spent the rate: %v", err)
	}
	if throttled.Load() == 0 {
		notThrottled(t, burst)
	}
}

// TestLabIAMFlowUnderEventualConsistency: lab part B (group with its policy, user
// with password and group, sign-in, an access key used at once) completes through
// the Backend although IAM hides every new entity for a while, where the same
// calls through the bare SDK fail.
func TestLabIAMFlowUnderEventualConsistency(t *testing.T) {
	ctx := context.Background()
	const delay = 700 * time.Millisecond
	s, b, c := realitiesSim(t, sim.Options{IAMPropagationDelay: delay})
	creds := s.AdminCredentials()
	raw := iam.NewFromConfig(rawConfig(s, s.RoundTripper(), creds.AccessKeyID, creds.SecretAccessKey))
	if _, err := raw.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("raw-user")}); err != nil {
		t.Fatal(err)
	}
	_, err := raw.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("raw-user"), Password: aws.String(labPw)})
	if apiCode(err) != "NoSuchEntity" {
		t.Fatalf("the bare SDK's CreateLoginProfile right after CreateUser = %v, want NoSuchEntity", err)
	}

	start := time.Now()
	labAccount(t, b) // CreateGroup, AttachGroupPolicy, CreateUser, CreateLoginProfile, AddUserToGroup
	if time.Since(start) < delay {
		t.Fatalf("the lab flow took %v, less than the propagation delay: nothing was retried", time.Since(start))
	}
	// The new password does not sign in yet; a mistyped one is refused at once
	// rather than waited for.
	before := c.sent("/_sim/signin")
	_, err = b.SignIn(ctx, "lab-user", "Suwon#0308")
	wantKind(t, err, backend.KindAuth, "AuthenticationFailed")
	if n := c.sent("/_sim/signin") - before; n != 1 {
		t.Fatalf("a wrong password was tried %d times", n)
	}
	user, err := b.SignIn(ctx, "lab-user", labPw)
	check(t, err)
	if _, err := user.GetUser(ctx, "lab-user"); err != nil {
		t.Fatalf("lab-user acting through its group's policy: %v", err)
	}
	// A typo is not waited for.
	before = c.sent("AddUserToGroup")
	err = b.AddUserToGroup(ctx, "lab-cloudtrail-group", "no-such-user")
	wantKind(t, err, backend.KindNotFound, "NoSuchEntity")
	if n := c.sent("AddUserToGroup") - before; n != 1 {
		t.Fatalf("adding a user that was never created was tried %d times", n)
	}

	key, err := b.CreateAccessKey(ctx, "lab-user")
	check(t, err)
	rawSTS := sts.NewFromConfig(rawConfig(s, s.RoundTripper(), key.AccessKeyID, key.SecretAccessKey))
	if _, err := rawSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); apiCode(err) != "InvalidClientTokenId" {
		t.Fatalf("the bare SDK with the new key at once = %v, want InvalidClientTokenId", err)
	}
	withKey := awsapi.NewSimulator(awsapi.SimOptions{Transport: c, Region: s.Region(), AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey})
	before = c.sent("GetCallerIdentity")
	id, err := withKey.CallerIdentity(ctx)
	check(t, err)
	if n := c.sent("GetCallerIdentity") - before; n < 2 {
		t.Fatalf("the new key worked at the first try (%d): nothing was waited for", n)
	}
	if id.Name() != "lab-user" {
		t.Fatalf("the new key is %+v", id)
	}
	// A key this process did not create is not waited for.
	stranger := awsapi.NewSimulator(awsapi.SimOptions{Transport: c, Region: s.Region(), AccessKeyID: "AKIAUNKNOWNUNKNOWN00", SecretAccessKey: "x"})
	before = c.sent("GetCallerIdentity")
	_, err = stranger.CallerIdentity(ctx)
	wantKind(t, err, backend.KindAuth, "InvalidClientTokenId")
	if n := c.sent("GetCallerIdentity") - before; n != 1 {
		t.Fatalf("an unknown key was tried %d times", n)
	}
}

// TestGetGroupFollowsEveryPage: a group with more members than one GetGroup page
// (100) lists all of them.
func TestGetGroupFollowsEveryPage(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	_, err := b.CreateGroup(ctx, model.NewGroup{GroupName: "big"})
	check(t, err)
	for i := range 130 {
		name := fmt.Sprintf("member-%03d", i)
		_, err := b.CreateUser(ctx, model.NewUser{UserName: name})
		check(t, err)
		check(t, b.AddUserToGroup(ctx, "big", name))
	}
	_, members, err := b.GetGroup(ctx, "big")
	check(t, err)
	if len(members) != 130 || members[129].UserName != "member-129" {
		t.Fatalf("GetGroup listed %d members", len(members))
	}
}

// TestLookupPacingIsPerAccount: Backends built separately on the same simulated
// account and key (two sessions on one sandbox) and a signed-in user of that
// account share one pace; another account does not wait for them.
func TestLookupPacingIsPerAccount(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, "")
	labAccount(t, b)
	creds := s.AdminCredentials()
	again := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	user, err := b.SignIn(ctx, "lab-user", labPw)
	check(t, err)
	_, other := newSim(t, "")

	waited := func(be backend.Backend) bool {
		var w bool
		_, err := be.LookupEvents(backend.WithLookupWait(ctx, func(backend.LookupWait) { w = true }), model.EventQuery{Page: model.PageRequest{Limit: 1}})
		check(t, err)
		return w
	}
	if waited(b) {
		t.Fatal("the first call waited")
	}
	if !waited(again) {
		t.Fatal("a second Backend on the same account and key did not wait its turn")
	}
	if !waited(user) {
		t.Fatal("the signed-in user of the same account did not wait its turn")
	}
	if waited(other) {
		t.Fatal("another account waited for this one's turn")
	}
}

const delayAfterCreate = 500 * time.Millisecond

// TestCallsAfterCreateWaitForIAM: every call that follows a create in the
// console's flows waits for the new user or group instead of failing.
func TestCallsAfterCreateWaitForIAM(t *testing.T) {
	ctx := context.Background()
	_, b, c := realitiesSim(t, sim.Options{IAMPropagationDelay: delayAfterCreate})
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`
	steps := []struct {
		op  string
		run func() error
	}{
		{"AttachUserPolicy", func() error { return b.AttachUserPolicy(ctx, "svc-user", trailFull) }},
		{"PutUserPolicy", func() error {
			return b.PutUserPolicy(ctx, "svc-user", model.InlinePolicy{PolicyName: "list", Document: doc})
		}},
		{"CreateAccessKey", func() error { _, err := b.CreateAccessKey(ctx, "svc-user"); return err }},
		{"PutGroupPolicy", func() error {
			return b.PutGroupPolicy(ctx, "svc-group", model.InlinePolicy{PolicyName: "list", Document: doc})
		}},
	}
	for _, st := range steps {
		_, err := b.CreateUser(ctx, model.NewUser{UserName: "svc-user"})
		check(t, err)
		_, err = b.CreateGroup(ctx, model.NewGroup{GroupName: "svc-group"})
		check(t, err)
		before := c.sent(st.op)
		if err := st.run(); err != nil {
			t.Fatalf("%s right after the create: %v", st.op, err)
		}
		if n := c.sent(st.op) - before; n < 2 {
			t.Fatalf("%s succeeded at the first try: the create was not hidden, nothing was tested", st.op)
		}
		// Clean up for the next step, once IAM has caught up.
		time.Sleep(delayAfterCreate)
		cleanUser(t, b, "svc-user")
		if err := b.DeleteGroupPolicy(ctx, "svc-group", "list"); err != nil && backend.KindOf(err) != backend.KindNotFound {
			t.Fatal(err)
		}
		check(t, b.DeleteGroup(ctx, "svc-group"))
	}
}

// cleanUser deletes a user with whatever the steps gave it.
func cleanUser(t *testing.T, b *awsapi.Backend, user string) {
	t.Helper()
	ctx := context.Background()
	keys, err := b.ListAccessKeys(ctx, user)
	check(t, err)
	for _, k := range keys {
		check(t, b.DeleteAccessKey(ctx, user, k.AccessKeyID))
	}
	attached, err := b.ListAttachedUserPolicies(ctx, user)
	check(t, err)
	for _, a := range attached {
		check(t, b.DetachUserPolicy(ctx, user, a.PolicyArn))
	}
	inline, err := b.ListUserPolicies(ctx, user)
	check(t, err)
	for _, p := range inline {
		check(t, b.DeleteUserPolicy(ctx, user, p))
	}
	check(t, b.DeleteUser(ctx, user))
}
