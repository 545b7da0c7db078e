package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// syncBuffer is a log destination the server's goroutines write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// sdkConfig is an aws.Config on a sandbox's simulator with the given credentials.
func sdkConfig(s *sim.Sim, akid, secret, token string) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, token),
		HTTPClient:   &http.Client{Transport: s.RoundTripper()},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
	}
}

// settle waits until the session has drawn nothing new for a moment, so a mark taken
// next separates the frames drawn before a key from those drawn after it.
func (c *client) settle() {
	c.t.Helper()
	last, quiet := c.mark(), time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if n := c.mark(); n != last {
			last, quiet = n, time.Now()
		} else if time.Since(quiet) > 300*time.Millisecond {
			return
		}
	}
}

// repaint makes the console draw its whole screen again (a window change repaints
// every line), so what stays on the screen is in the output again, not only what
// changed: a secret left on the screen after its dialog closed is found too.
func (c *client) repaint() {
	c.t.Helper()
	if err := c.sess.WindowChange(30, 100); err != nil {
		c.t.Fatal(err)
	}
	c.settle()
}

// step presses keys and waits for want to be drawn after them.
func (c *client) step(want string, keys ...string) {
	c.t.Helper()
	from := c.mark()
	c.press(keys...)
	c.waitFor(from, want)
}

// leakHaystack is one place a secret must not be found.
type leakHaystack struct {
	where string
	text  string
}

// leaks lists every secret found in the haystacks.
func leaks(secrets map[string]string, hay ...leakHaystack) []string {
	var out []string
	for name, secret := range secrets {
		for _, h := range hay {
			if secret != "" && strings.Contains(h.text, secret) {
				out = append(out, name+" in "+h.where)
			}
		}
	}
	return out
}

// TestNoSecretLeaks is issue #9's acceptance check "no credential, secret key or
// password is ever written to the screen after its one-time display, to logs, or to
// recorded events", over SSH as a student does it: the Add users wizard gives a user
// a console password (shown once on its success page), the user's security
// credentials tab creates an access key (its secret shown once in a dialog), the
// console signs in as the user (a console session with a session token), and the key
// is used through the SDK. Then the test greps for every secret in each screen frame
// drawn after the one-time display was dismissed, every CloudTrail event
// (LookupEvents and the log files delivered to S3 after a fast-forward), the server's
// and the simulator's log (debug level), and every file the server persisted.
func TestNoSecretLeaks(t *testing.T) {
	ctx := context.Background()
	var logs syncBuffer
	ts := startServer(t, Config{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	k := newKey(t)
	id := keyIdentity(k)
	c := ts.connect(t, clientOpts{key: k, width: 100, height: 30})
	c.waitFor(0, "Administrator")

	sb, ok := ts.pool.attach(ctx, id.SandboxName())
	if !ok {
		t.Fatal("the student's sandbox is not open")
	}
	released := false
	release := func() {
		if !released {
			released = true
			ts.pool.release(sb)
		}
	}
	defer release()
	s := sb.sim
	adminCreds := s.AdminCredentials()
	admin := sdkConfig(s, adminCreds.AccessKeyID, adminCreds.SecretAccessKey, "")

	// A trail logging from now on into its bucket, and the lab's group.
	const bucket, trailName, group = "aws-cloudtrail-logs-123456789012-leaks", "leak-trail", "lab-cloudtrail-group"
	s3c := s3.NewFromConfig(admin, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(s.Region())}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s3c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket),
		Policy: aws.String(model.TrailBucketPolicy(bucket, "", s.AccountID(), model.TrailARN(s.Region(), s.AccountID(), trailName)))}); err != nil {
		t.Fatal(err)
	}
	ct := cloudtrail.NewFromConfig(admin)
	if _, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(trailName), S3BucketName: aws.String(bucket),
		IsMultiRegionTrail: aws.Bool(true), EnableLogFileValidation: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(trailName)}); err != nil {
		t.Fatal(err)
	}
	be, releaseBackend := ts.backendOf(t, id)
	if _, err := be.CreateGroup(ctx, model.NewGroup{GroupName: group}); err != nil {
		t.Fatal(err)
	}
	if err := be.AttachGroupPolicy(ctx, group, "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"); err != nil {
		t.Fatal(err)
	}
	releaseBackend()

	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	const user = "leak-user"
	password := "Leak#" + hex.EncodeToString(rnd[:]) + "Q"

	// IAM > Users > Add users: a console password, shown once on the success page.
	c.openUsers(1)
	c.step("Set user details", "c")
	c.step("AWSCloudTrail_FullAccess", user, "tab", "tab", "space", "tab", "down", "tab", password, "ctrl+n")
	c.step("[x]", "tab", "space")
	c.step("49", "ctrl+n")
	c.step("create-login-profile", "Name", "tab", user, "ctrl+n")
	c.step("123456789012.signin.aws.amazon.com", "ctrl+n")
	c.step(password, "v") // the one-time display
	c.settle()
	passwordGone := c.mark()
	c.step(group, "enter") // Close: back to the Users list
	c.repaint()

	// The user's security credentials: Create access key, its secret shown once.
	c.step("user/"+user, "down", "enter")
	c.repaint()
	c.step("Enabled (never signed in)", "4")
	c.repaint()
	from := c.mark()
	c.press("c") // the console creates the key at once and shows it
	c.waitFor(from, "Secret access key: ")
	c.settle()
	shownID := regexp.MustCompile(`Access key ID: (AKIA[A-Z0-9]{16})`).FindStringSubmatch(c.text(from))
	shownSecret := regexp.MustCompile(`Secret access key: ([A-Za-z0-9/+]{40})`).FindStringSubmatch(c.text(from))
	if shownID == nil || shownSecret == nil {
		t.Fatalf("the new key's one-time display was not found:\n%s", tail(c.text(from), 3000))
	}
	keyID, secret := shownID[1], shownSecret[1]
	secretGone := c.mark()
	c.press("enter") // Close
	c.settle()
	c.repaint()

	// Sign in to the console as the user: a console session with a session token.
	c.step("Sign in as IAM user", "ctrl+o")
	c.repaint()
	c.step("Identity "+user, user, "tab", password, "enter")
	c.repaint()

	// The key through the SDK: allowed (who am I) and denied (no policy) calls.
	userCfg := sdkConfig(s, keyID, secret, "")
	who, err := sts.NewFromConfig(userCfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || !strings.HasSuffix(aws.ToString(who.Arn), ":user/"+user) {
		t.Fatalf("the new key does not work: %v %v", who, err)
	}
	_, err = iam.NewFromConfig(userCfg).ListUsers(ctx, &iam.ListUsersInput{})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "AccessDenied" {
		t.Fatalf("ListUsers with a key without policies: %v", err)
	}
	_, _ = s3.NewFromConfig(userCfg, func(o *s3.Options) { o.UsePathStyle = true }).ListBuckets(ctx, &s3.ListBucketsInput{})

	// The console session's credentials, found through the events its calls left.
	var sessionID string
	deadline := time.Now().Add(20 * time.Second)
	for sessionID == "" {
		for _, ev := range lookupAll(t, ct) {
			var rec struct {
				UserIdentity struct {
					UserName    string `json:"userName"`
					AccessKeyID string `json:"accessKeyId"`
				} `json:"userIdentity"`
			}
			if json.Unmarshal([]byte(aws.ToString(ev.CloudTrailEvent)), &rec) == nil &&
				rec.UserIdentity.UserName == user && strings.HasPrefix(rec.UserIdentity.AccessKeyID, "ASIA") {
				sessionID = rec.UserIdentity.AccessKeyID
			}
		}
		if sessionID == "" {
			if time.Now().After(deadline) {
				t.Fatal("no event of the console session as " + user)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	session, ok := s.IAM().LookupCredential(ctx, sessionID)
	if !ok || session.SessionToken == "" {
		t.Fatalf("the console session %s is unknown", sessionID)
	}

	// Fast-forward past the trail's deliveries and an hourly digest.
	if _, _, err := s.Advance(ctx, 70*time.Minute); err != nil {
		t.Fatal(err)
	}
	// More frames after all that, in both languages; then leave.
	c.step("Insufficient permissions", "esc") // the user detail closes onto the Users list, denied
	c.repaint()
	c.step("자격 증명", "L")
	c.repaint()
	c.step("Identity", "L")
	c.repaint()
	c.press("q")
	c.waitExit()

	var hay []leakHaystack
	events := lookupAll(t, ct)
	var eventText strings.Builder
	for _, ev := range events {
		raw, _ := json.Marshal(ev)
		eventText.Write(raw)
		eventText.WriteString(aws.ToString(ev.CloudTrailEvent))
	}
	hay = append(hay, leakHaystack{"LookupEvents", eventText.String()})
	files := deliveredFiles(t, s3c, bucket)
	var logFiles strings.Builder
	for key, body := range files {
		logFiles.WriteString(key + "\n" + body)
	}
	hay = append(hay, leakHaystack{"the CloudTrail log files in S3", logFiles.String()})

	release()
	ts.stop(t) // every sandbox closed and saved: the files are complete
	hay = append(hay, leakHaystack{"the server's and the simulator's log", logs.String()})

	secrets := map[string]string{
		"the console password":                  password,
		"the new key's secret access key":       secret,
		"the console session's secret":          session.Secret,
		"the console session's token":           session.SessionToken,
		"the administrator's secret access key": adminCreds.SecretAccessKey,
	}
	var found []string
	found = append(found, leaks(secrets, hay...)...)

	// The screen: after its one-time display, neither the password nor the key's
	// secret; the session's credentials and the server's key never.
	raw := func(from int) string {
		c.mu.Lock()
		defer c.mu.Unlock()
		return string(c.out[from:])
	}
	rawUpTo := func(to int) string {
		c.mu.Lock()
		defer c.mu.Unlock()
		return string(c.out[:to])
	}
	found = append(found, leaks(map[string]string{"the console password": password},
		leakHaystack{"a frame drawn after the password page was closed", raw(passwordGone) + c.text(passwordGone)})...)
	found = append(found, leaks(map[string]string{"the new key's secret access key": secret},
		leakHaystack{"a frame drawn after the secret's dialog was closed", raw(secretGone) + c.text(secretGone)})...)
	found = append(found, leaks(map[string]string{"the console session's secret": session.Secret, "the console session's token": session.SessionToken,
		"the administrator's secret access key": adminCreds.SecretAccessKey},
		leakHaystack{"a frame", raw(0) + c.text(0)})...)

	// Files: the password is kept only as a salted hash. The secret access keys and
	// the session's credentials are in the account's database, as AWS keeps them:
	// verifying a SigV4 signature needs the secret itself. Nowhere else.
	var dbText, otherText strings.Builder
	err = filepath.WalkDir(ts.cfg.DataDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if filepath.Base(filepath.Dir(path)) == "accounts" {
			dbText.Write(b)
		} else {
			otherText.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found = append(found, leaks(map[string]string{"the console password": password}, leakHaystack{"the account's database", dbText.String()})...)
	found = append(found, leaks(secrets, leakHaystack{"a persisted file other than the account's database", otherText.String()})...)

	if len(found) > 0 {
		t.Errorf("secrets leaked:\n  %s", strings.Join(found, "\n  "))
	}

	// The places searched hold what they should, so the search itself is sound: the
	// one-time displays, the key's and the session's use in the events, the log, the
	// database with the user's password hash.
	controls := []struct {
		what, in, want string
	}{
		{"the password's one-time display", ansi.Strip(rawUpTo(passwordGone)), password},
		{"the secret's one-time display", ansi.Strip(rawUpTo(secretGone)), secret},
		{"LookupEvents", eventText.String(), keyID},
		{"LookupEvents", eventText.String(), sessionID},
		{"LookupEvents", eventText.String(), "CreateLoginProfile"},
		{"the log files", logFiles.String(), keyID},
		{"the log", logs.String(), "session started"},
		{"the account's database", dbText.String(), "pbkdf2"},
		{"the account's database", dbText.String(), secret},
	}
	for _, ctl := range controls {
		if !strings.Contains(ctl.in, ctl.want) {
			t.Errorf("%s lacks %q: the search would not see a leak there", ctl.what, ctl.want)
		}
	}
	if len(files) == 0 {
		t.Error("no CloudTrail log file was delivered")
	}
}

type cloudtrailEvent = cttypes.Event

func lookupAll(t *testing.T, ct *cloudtrail.Client) []cloudtrailEvent {
	t.Helper()
	var out []cloudtrailEvent
	p := cloudtrail.NewLookupEventsPaginator(ct, &cloudtrail.LookupEventsInput{MaxResults: aws.Int32(50)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Events...)
	}
	return out
}

// deliveredFiles reads every object of the trail's bucket, log files uncompressed.
func deliveredFiles(t *testing.T, c *s3.Client, bucket string) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: o.Key})
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(obj.Body)
			obj.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
				if plain, err := io.ReadAll(zr); err == nil {
					b = plain
				}
			}
			out[aws.ToString(o.Key)] = string(b)
		}
	}
	return out
}
