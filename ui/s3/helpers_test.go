package s3

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

var testTime = time.Date(2026, 11, 22, 9, 35, 0, 0, time.UTC)

// fakeS3 is an in-memory S3 for model tests; the other services of the embedded nil
// Backend panic if a screen calls them, which a test would then show.
type fakeS3 struct {
	backend.Backend
	mu      sync.Mutex
	objects map[string][]byte // "bucket/key"
	denied  error             // answered by every call when set
	calls   []string
	realAWS bool // Info says real AWS, where changes are confirmed first
}

func newFake() *fakeS3 { return &fakeS3{objects: map[string][]byte{}} }

func (f *fakeS3) put(bucket, key string, body []byte) { f.objects[bucket+"/"+key] = body }

func (f *fakeS3) called(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, op)
	return f.denied
}

func (f *fakeS3) Info() backend.Info {
	if f.realAWS {
		return backend.Info{Mode: backend.ModeAWS, Region: "ap-northeast-2", Profile: "lab"}
	}
	return backend.Info{Mode: backend.ModeSimulator, Region: "ap-northeast-2"}
}

func (f *fakeS3) ListBuckets(context.Context) ([]model.Bucket, error) {
	if err := f.called("ListBuckets"); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []model.Bucket
	for k := range f.objects {
		b, _, _ := strings.Cut(k, "/")
		if !seen[b] {
			seen[b] = true
			out = append(out, model.Bucket{Name: b, Region: "ap-northeast-2", CreationDate: testTime})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (f *fakeS3) CreateBucket(_ context.Context, in model.NewBucket) (model.Bucket, error) {
	if err := f.called("CreateBucket"); err != nil {
		return model.Bucket{}, err
	}
	if err := in.Validate(); err != nil {
		return model.Bucket{}, err
	}
	for k := range f.objects {
		if strings.HasPrefix(k, in.Name+"/") {
			return model.Bucket{}, &backend.Error{Kind: backend.KindAlreadyExists, Code: "BucketAlreadyOwnedByYou", Op: "s3:CreateBucket",
				Message: "Your previous request to create the named bucket succeeded and you already own it."}
		}
	}
	f.objects[in.Name+"/"] = nil
	return model.Bucket{Name: in.Name, Region: in.Region}, nil
}

func (f *fakeS3) GetBucketLocation(context.Context, string) (string, error) {
	return "ap-northeast-2", f.called("GetBucketLocation")
}

func (f *fakeS3) info(bucket, key string) (model.ObjectInfo, bool) {
	body, ok := f.objects[bucket+"/"+key]
	sum := md5.Sum(body)
	ct := "binary/octet-stream"
	if strings.HasSuffix(key, ".json") || strings.HasSuffix(key, ".json.gz") {
		ct = "application/json"
	}
	return model.ObjectInfo{Bucket: bucket, Key: key, Size: int64(len(body)), LastModified: testTime,
		ETag: `"` + hex.EncodeToString(sum[:]) + `"`, StorageClass: "STANDARD", ContentType: ct}, ok
}

func (f *fakeS3) HeadObject(_ context.Context, bucket, key string) (model.ObjectInfo, error) {
	if err := f.called("HeadObject"); err != nil {
		return model.ObjectInfo{}, err
	}
	info, ok := f.info(bucket, key)
	if !ok {
		return info, &backend.Error{Kind: backend.KindNotFound, Code: "NotFound", Message: "Not Found"}
	}
	return info, nil
}

func (f *fakeS3) GetObject(_ context.Context, bucket, key string, maxBytes int64) (model.ObjectData, error) {
	if err := f.called("GetObject"); err != nil {
		return model.ObjectData{}, err
	}
	info, ok := f.info(bucket, key)
	if !ok {
		return model.ObjectData{}, &backend.Error{Kind: backend.KindNotFound, Code: "NoSuchKey", Message: "The specified key does not exist."}
	}
	body := f.objects[bucket+"/"+key]
	d := model.ObjectData{ObjectInfo: info, Body: body}
	if maxBytes > 0 && int64(len(body)) > maxBytes {
		d.Body, d.Truncated = body[:maxBytes], true
	}
	return d, nil
}

func (f *fakeS3) DeleteObject(_ context.Context, bucket, key string) error {
	if err := f.called("DeleteObject"); err != nil {
		return err
	}
	delete(f.objects, bucket+"/"+key)
	return nil
}

func (f *fakeS3) ListObjects(_ context.Context, bucket, prefix, delim, token string, limit int) (model.Listing, error) {
	if err := f.called("ListObjects " + prefix + " " + token); err != nil {
		return model.Listing{}, err
	}
	var keys []string
	for k := range f.objects {
		if b, key, _ := strings.Cut(k, "/"); b == bucket && strings.HasPrefix(key, prefix) {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	l := model.Listing{Bucket: bucket, Prefix: prefix, Delimiter: delim}
	seen := map[string]bool{}
	for _, k := range keys {
		if rest := k[len(prefix):]; delim != "" && strings.Contains(rest, delim) {
			p := prefix + rest[:strings.Index(rest, delim)+1]
			if !seen[p] {
				seen[p] = true
				l.Folders = append(l.Folders, p)
			}
			continue
		}
		info, _ := f.info(bucket, k)
		l.Objects = append(l.Objects, model.Object{Key: k, Size: info.Size, LastModified: testTime, ETag: info.ETag, StorageClass: "STANDARD"})
	}
	return l, nil
}

// testCommon is an English or Korean session on fake, sized like the console's
// content area at 100×30.
func testCommon(lang locales.Lang, fake *fakeS3) *common.Common {
	c := uitest.Common(lang)
	c.Width, c.Height = 100, 30
	if fake != nil {
		c.Backend = fake
	}
	return c
}

// keyMsg is the message of one key by its name.
func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// drive feeds msgs to m and then runs every command they return, feeding the
// answers back until none is left, as the program would. Animation ticks (spinner,
// cursor blink) are dropped so the loop ends. Messages m does not take (navigation)
// are returned for the test to look at.
func drive(t *testing.T, m tea.Model, msgs ...tea.Msg) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10_000 {
			t.Fatal("drive: too many messages")
		}
		msg := queue[0]
		queue = queue[1:]
		if navMsg(msg) {
			out = append(out, msg)
			continue
		}
		_, cmd := m.Update(msg)
		queue = append(queue, run(cmd)...)
	}
	return out
}

// run executes cmd and the batches and sequences it holds, dropping animation ticks.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	// A command that has not answered in a moment is an animation tick (cursor
	// blink, spinner): fake backends answer at once.
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(50 * time.Millisecond):
		return nil
	}
	if msg == nil || animation(msg) {
		return nil
	}
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, run(c)...)
		}
		return out
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg // tea.Sequence's message: its commands in order
		for i := 0; i < v.Len(); i++ {
			out = append(out, run(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func animation(msg tea.Msg) bool {
	name := fmt.Sprintf("%T", msg)
	return strings.HasPrefix(name, "spinner.") || strings.HasPrefix(name, "cursor.")
}

func navMsg(msg tea.Msg) bool { return strings.HasPrefix(fmt.Sprintf("%T", msg), "nav.") }

// gz compresses b.
func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// trailLog is a CloudTrail log file as delivered: gzip of {"Records":[…]} with a
// CreateBucket by lab-user and a GetBucketAcl by CloudTrail itself (lab step D5).
const trailLog = `{"Records":[{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA3PU7RNER3BH3YTVNG","arn":"arn:aws:iam::123456789012:user/lab-user","accountId":"123456789012","accessKeyId":"ASIA3PU7RNER2NQXEFN7","userName":"lab-user"},"eventTime":"2026-11-22T09:31:07Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket","awsRegion":"ap-northeast-2","sourceIPAddress":"121.136.18.98","userAgent":"[AWSCloudTrail]","requestParameters":{"bucketName":"aws-cloudtrail-logs-123456789012-mylog"},"responseElements":null,"eventID":"661f918a-3c42-48ab-8905-a85aec12eeb6","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"},{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"cloudtrail.amazonaws.com"},"eventTime":"2026-11-22T09:31:08Z","eventSource":"s3.amazonaws.com","eventName":"GetBucketAcl","awsRegion":"ap-northeast-2","sourceIPAddress":"cloudtrail.amazonaws.com","userAgent":"cloudtrail.amazonaws.com","requestParameters":{"bucketName":"aws-cloudtrail-logs-123456789012-mylog","acl":""},"responseElements":null,"eventID":"3fcfb182-98f8-4744-bd45-10a395ab61cb","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"},{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012"},"eventTime":"2026-11-22T09:32:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.0","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"eventID":"d38ce1b3-4575-4cb8-a632-611b8243bfc3","eventType":"AwsConsoleSignIn"}]}`

// Lab-like keys (lab steps C11, D3, D4).
const (
	labBucket = "aws-cloudtrail-logs-123456789012-mylog"
	labDay    = "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/"
	labLog    = labDay + "123456789012_CloudTrail_ap-northeast-2_20261122T0935Z_abcdefghijklmnop.json.gz"
)
