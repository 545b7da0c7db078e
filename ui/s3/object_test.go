package s3

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

// openObject opens key's page on fake and waits for its properties and preview.
func openObject(t *testing.T, lang locales.Lang, fake *fakeS3, key string) *Object {
	t.Helper()
	o := newObject(testCommon(lang, fake), bucketRef{name: labBucket}, key)
	o.SetSize(98, 25)
	drive(t, o, run(o.Init())...)
	return o
}

func TestObjectPreview(t *testing.T) {
	big := make([]byte, previewMaxBytes+1)
	cases := []struct {
		name      string
		key       string
		body      []byte
		tabs      []string // keys pressed
		wantTab   objectTab
		wantIn    []string
		wantNotIn []string
	}{
		{name: "properties first", key: labLog, body: gz(t, []byte(trailLog)),
			wantIn: []string{"[Properties]", "Records (3)", "Entity tag (Etag)", "s3://" + labBucket + "/AWSLogs/", "https://" + labBucket + ".s3.ap-northeast-2.amazonaws.com/", "Standard", "November 22, 2026, 09:35:00 (UTC)"}},
		{name: "the log file un-gzipped and pretty-printed", key: labLog, body: gz(t, []byte(trailLog)), tabs: []string{"tab"}, wantTab: tabPreview,
			wantIn: []string{`"Records": [`, `"eventName": "CreateBucket"`, "Lines 1–"}},
		{name: "the records table", key: labLog, body: gz(t, []byte(trailLog)), tabs: []string{"tab", "tab"}, wantTab: tabRecords,
			wantIn: []string{"Event time", "CreateBucket", "lab-user", "121.136.18.98", "GetBucketAcl", "cloudtrail.amazona", "ConsoleLogin", "Root"}},
		{name: "tabs wrap around", key: labLog, body: gz(t, []byte(trailLog)), tabs: []string{"tab", "tab", "tab"}, wantTab: tabProperties},
		{name: "shift+tab goes back", key: labLog, body: gz(t, []byte(trailLog)), tabs: []string{"shift+tab"}, wantTab: tabRecords},
		{name: "plain JSON", key: "policy.json", body: []byte(`{"Version":"2012-10-17"}`), tabs: []string{"tab"}, wantTab: tabPreview,
			wantIn: []string{`"Version": "2012-10-17"`}, wantNotIn: []string{"Records ("}},
		{name: "corrupt gzip says so and the page keeps working", key: labLog, body: []byte("not gzip"), tabs: []string{"tab"}, wantTab: tabPreview,
			wantIn: []string{"Can't decompress this file", "not valid gzip data"}, wantNotIn: []string{"Records ("}},
		{name: "invalid JSON shows the error and the text", key: "bad.json", body: []byte(`{"Records": [`), tabs: []string{"tab"}, wantTab: tabPreview,
			wantIn: []string{"Invalid JSON at line 1", `{"Records": [`}},
		{name: "too large: properties only, with a note", key: "big.json", body: big, tabs: []string{"tab"}, wantTab: tabPreview,
			wantIn: []string{"Too large to preview", "5.0 MB"}},
		{name: "not JSON: no preview", key: "notes.txt", body: []byte("hello"), tabs: []string{"tab"}, wantTab: tabPreview,
			wantIn: []string{"No preview", ".json.gz"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake := newFake()
			fake.put(labBucket, c.key, c.body)
			o := openObject(t, locales.English, fake, c.key)
			for _, k := range c.tabs {
				drive(t, o, keyMsg(k))
			}
			view := o.View()
			if o.Tab() != c.wantTab {
				t.Errorf("tab = %d, want %d", o.Tab(), c.wantTab)
			}
			for _, w := range c.wantIn {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
			for _, w := range c.wantNotIn {
				if strings.Contains(view, w) {
					t.Errorf("view has %q:\n%s", w, view)
				}
			}
			// The page still answers its keys after a failed preview.
			drive(t, o, keyMsg("y"))
			if !strings.Contains(o.notice.text, "S3 URI: s3://"+labBucket+"/"+c.key) || !strings.Contains(o.View(), "S3 URI: s3://") {
				t.Errorf("copy S3 URI does not work after %s", c.name)
			}
		})
	}
}

func TestObjectLargeIsNotRead(t *testing.T) {
	fake := newFake()
	fake.put(labBucket, "big.json", make([]byte, previewMaxBytes+1))
	openObject(t, locales.English, fake, "big.json")
	for _, c := range fake.calls {
		if c == "GetObject" {
			t.Fatalf("an object over the cap was read: %v", fake.calls)
		}
	}
}

func TestRecordOpensInTheJSONViewer(t *testing.T) {
	fake := newFake()
	fake.put(labBucket, labLog, gz(t, []byte(trailLog)))
	o := openObject(t, locales.English, fake, labLog)
	navs := drive(t, o, keyMsg("shift+tab"), keyMsg("down"), keyMsg("enter"))
	if len(navs) != 1 {
		t.Fatalf("navigation %v", navs)
	}
	r := navs[0].(nav.PushMsg).Screen.(*RecordView)
	r.SetSize(98, 25)
	drive(t, r, run(r.Init())...)
	view := r.View()
	if r.Crumbs()[0] != "GetBucketAcl" || !strings.Contains(view, `"invokedBy": "cloudtrail.amazonaws.com"`) || !strings.Contains(view, "2026-11-22T09:31:08Z") {
		t.Fatalf("record page %v:\n%s", r.Crumbs(), view)
	}
}

func TestObjectDenied(t *testing.T) {
	fake := newFake()
	fake.denied = &backend.Error{Kind: backend.KindAccessDenied, Code: "AccessDenied", Message: "Access Denied"}
	o := openObject(t, locales.English, fake, labLog)
	if view := o.View(); !strings.Contains(view, "Insufficient permissions") {
		t.Fatalf("denied HEAD:\n%s", view)
	}
	fake.denied = nil
	fake.put(labBucket, labLog, gz(t, []byte(trailLog)))
	drive(t, o, keyMsg("r"))
	if view := o.View(); !strings.Contains(view, "Records (3)") {
		t.Fatalf("after r:\n%s", view)
	}
}

func TestDownload(t *testing.T) {
	body := gz(t, []byte(trailLog))
	t.Run("to the typed path", func(t *testing.T) {
		dir := t.TempDir()
		fake := newFake()
		fake.put(labBucket, labLog, body)
		o := openObject(t, locales.English, fake, labLog)
		drive(t, o, keyMsg("w"))
		if !o.Capturing() || o.download.input.Value() != baseName(labLog) {
			t.Fatalf("default path %q", o.download.input.Value())
		}
		target := filepath.Join(dir, "log.json.gz")
		drive(t, o, keyMsg("ctrl+u"), keyMsg(target), keyMsg("enter"))
		got, err := os.ReadFile(target)
		if err != nil || string(got) != string(body) {
			t.Fatalf("file %v", err)
		}
		if view := o.View(); o.download != nil || !strings.Contains(view, "Downloaded to") || !strings.Contains(view, "aws s3 cp s3://") {
			t.Fatalf("after download:\n%s", view)
		}
		// Again: the file exists, so enter asks first and enter again replaces it.
		os.WriteFile(target, []byte("old"), 0o600)
		drive(t, o, keyMsg("w"), keyMsg("ctrl+u"), keyMsg(target), keyMsg("enter"))
		if !strings.Contains(o.View(), "already exists") {
			t.Fatalf("no overwrite question:\n%s", o.View())
		}
		if got, _ := os.ReadFile(target); string(got) != "old" {
			t.Fatal("replaced without asking")
		}
		drive(t, o, keyMsg("enter"))
		if got, _ := os.ReadFile(target); string(got) != string(body) {
			t.Fatal("enter again did not replace the file")
		}
		assertNoPartFiles(t, dir)
	})
	t.Run("into a folder", func(t *testing.T) {
		dir := t.TempDir()
		fake := newFake()
		fake.put(labBucket, labLog, body)
		o := openObject(t, locales.English, fake, labLog)
		drive(t, o, keyMsg("w"), keyMsg("ctrl+u"), keyMsg(dir), keyMsg("enter"))
		if _, err := os.Stat(filepath.Join(dir, baseName(labLog))); err != nil {
			t.Fatalf("not saved in the folder: %v\n%s", err, o.View())
		}
	})
	cases := []struct {
		name string
		path func(dir string) string
		want string
		lang locales.Lang
	}{
		{"a folder that does not exist", func(d string) string { return filepath.Join(d, "missing", "x.gz") }, "does not exist", locales.English},
		{"a folder without write permission", func(d string) string {
			ro := filepath.Join(d, "ro")
			os.Mkdir(ro, 0o500)
			return filepath.Join(ro, "x.gz")
		}, "You don't have permission to write in", locales.English},
		{"under a file", func(d string) string {
			os.WriteFile(filepath.Join(d, "file"), nil, 0o600)
			return filepath.Join(d, "file", "x.gz")
		}, "is not a folder", locales.English},
		{"Korean: no permission", func(d string) string {
			ro := filepath.Join(d, "ro")
			os.Mkdir(ro, 0o500)
			return filepath.Join(ro, "x.gz")
		}, "쓸 권한이 없습니다", locales.Korean},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if strings.Contains(c.name, "permission") && (runtime.GOOS == "windows" || os.Geteuid() == 0) {
				t.Skip("root and Windows ignore directory write permissions")
			}
			dir := t.TempDir()
			fake := newFake()
			fake.put(labBucket, labLog, body)
			o := openObject(t, c.lang, fake, labLog)
			target := c.path(dir)
			drive(t, o, keyMsg("w"), keyMsg("ctrl+u"), keyMsg(target), keyMsg("enter"))
			view := o.View()
			if o.download == nil || !strings.Contains(view, c.want) {
				t.Fatalf("want %q in the prompt:\n%s", c.want, view)
			}
			if _, err := os.Stat(target); err == nil {
				t.Fatal("a file was written")
			}
			assertNoPartFiles(t, dir)
			drive(t, o, keyMsg("esc"))
			if o.download != nil || o.Capturing() {
				t.Fatal("esc must close the prompt")
			}
		})
	}
}

// assertNoPartFiles fails when a temporary download file was left under dir.
func assertNoPartFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".part-") {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

func TestDownloadRootIgnoresPermissions(t *testing.T) {
	if os.Geteuid() != 0 || runtime.GOOS != "linux" {
		t.Skip("only as root on Linux, where /proc refuses new files")
	}
	// As root a read-only folder is writable; a path under /proc is not.
	fake := newFake()
	fake.put(labBucket, labLog, []byte("x"))
	o := openObject(t, locales.English, fake, labLog)
	drive(t, o, keyMsg("w"), keyMsg("ctrl+u"), keyMsg("/proc/labconsole-test.gz"), keyMsg("enter"))
	if !strings.Contains(o.View(), "Files can't be created in /proc") {
		t.Errorf("unclear message:\n%s", o.View())
	}
	if o.download == nil || o.download.err == "" {
		t.Fatalf("writing under /proc must fail:\n%s", o.View())
	}
}

func TestDelete(t *testing.T) {
	fake := newFake()
	fake.put(labBucket, labLog, []byte("{}"))
	o := openObject(t, locales.English, fake, labLog)
	drive(t, o, keyMsg("x"))
	if o.confirm == nil || !o.Capturing() {
		t.Fatal("x must open the confirmation")
	}
	view := o.View()
	for _, w := range []string{"Delete object", "permanently delete", "aws s3api delete-object --bucket " + labBucket} {
		if !strings.Contains(view, w) {
			t.Errorf("dialog lacks %q:\n%s", w, view)
		}
	}
	drive(t, o, keyMsg("enter")) // nothing typed: Delete does not work yet
	if _, ok := fake.objects[labBucket+"/"+labLog]; !ok || o.confirm == nil {
		t.Fatal("deleted without the typed confirmation")
	}
	// Typed fast, the confirmation arrives as words; "delete" alone is also the name
	// of the Delete key and must still count as text.
	navs := drive(t, o, keyMsg("permanently"), tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, keyMsg("delete"), keyMsg("enter"))
	if _, ok := fake.objects[labBucket+"/"+labLog]; ok {
		t.Fatal("not deleted")
	}
	// The page goes back, then the folder is told.
	if len(navs) != 1 {
		t.Fatalf("navigation %v", navs)
	}
	if _, ok := navs[0].(nav.PopMsg); !ok {
		t.Fatalf("first %T", navs[0])
	}
	f := newFolder(o.c, o.ref, labDay)
	f.SetSize(98, 25)
	drive(t, f, objectDeletedMsg{bucket: labBucket, key: labLog, notice: successNotice("Deleted")})
	if !strings.Contains(f.View(), "Deleted") {
		t.Fatalf("folder:\n%s", f.View())
	}
}

func TestDeleteCanceledAndKorean(t *testing.T) {
	fake := newFake()
	fake.put(labBucket, labLog, []byte("{}"))
	o := openObject(t, locales.Korean, fake, labLog)
	drive(t, o, keyMsg("x"))
	if !strings.Contains(o.View(), "영구 삭제") {
		t.Fatalf("Korean confirmation:\n%s", o.View())
	}
	drive(t, o, keyMsg("esc"))
	if o.confirm != nil {
		t.Fatal("esc must close the dialog")
	}
	drive(t, o, dialog.CanceledMsg{Tag: deleteTag{newObject(o.c, o.ref, "other")}})
	drive(t, o, uitest.SetLang(o.c, locales.English))
	if !strings.Contains(o.View(), "Properties") {
		t.Fatalf("language switch:\n%s", o.View())
	}
}

// TestDownloadRefusedOverSSH: served over SSH, a download would write to the server's
// disk, so the console refuses and shows the AWS CLI command to run locally instead.
func TestDownloadRefusedOverSSH(t *testing.T) {
	fake := newFake()
	fake.put(labBucket, labLog, gz(t, []byte(trailLog)))
	o := openObject(t, locales.English, fake, labLog)
	o.c.Remote = true
	drive(t, o, keyMsg("w"))
	view := o.View()
	if o.Capturing() || o.download != nil {
		t.Fatal("a download prompt opened over SSH")
	}
	if !strings.Contains(view, "Downloads are off over SSH") || !strings.Contains(view, "aws s3 cp s3://"+labBucket) {
		t.Fatalf("no explanation and CLI command:\n%s", view)
	}
}
