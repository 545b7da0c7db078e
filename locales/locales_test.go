package locales

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func messages(t *testing.T, lang Lang) map[string]string {
	t.Helper()
	data, err := File(lang)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]map[string]string
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s.toml: %v", lang, err)
	}
	out := map[string]string{}
	for id, m := range raw {
		out[id] = m["other"]
	}
	return out
}

// sameInBothLanguages lists messages that are rightly identical in en and ko: product
// names and codes the Korean console also leaves in English.
var sameInBothLanguages = map[string]bool{
	"AppName": true, "ModeAWS": true, "MenuCloudWatch": true, "MenuIAM": true,
	"MenuCloudTrail": true, "MenuS3": true, "IAMColARN": true, "CTXCloudWatchLogs": true,
	"IAMColMFA":   true, // the Korean IAM console's column is "MFA" too
	"S3PropS3URI": true, // the Korean S3 console's property is "S3 URI" too
}

func TestBothFilesHaveTheSameIDs(t *testing.T) {
	en, ko := messages(t, English), messages(t, Korean)
	for id := range en {
		if _, ok := ko[id]; !ok {
			t.Errorf("%s is in en.toml but not in ko.toml", id)
		}
	}
	for id := range ko {
		if _, ok := en[id]; !ok {
			t.Errorf("%s is in ko.toml but not in en.toml", id)
		}
	}
}

func TestKoreanIsTranslated(t *testing.T) {
	en, ko := messages(t, English), messages(t, Korean)
	for id, e := range en {
		if ko[id] == e && !sameInBothLanguages[id] {
			t.Errorf("%s: ko text %q is identical to en; translate it or allow-list it", id, e)
		}
	}
}

// usedID finds message IDs in code: l.T("ID"), l.Tf("ID", …), ID: "ID" in model
// errors, and msg("ID") helpers.
var usedID = regexp.MustCompile(`(?:\.Tf?\(|\bID:\s*|\bmsgID\(|\bMsg\()\s*"([A-Z][A-Za-z0-9]+)"`)

func TestEveryIDUsedInCodeExists(t *testing.T) {
	en, ko := messages(t, English), messages(t, Korean)
	root := filepath.Join("..")
	var missing []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || path == filepath.Join(root, "locales", "locales_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range usedID.FindAllStringSubmatch(string(src), -1) {
			id := m[1]
			if _, ok := en[id]; !ok {
				missing = append(missing, path+": "+id+" (en)")
			}
			if _, ok := ko[id]; !ok {
				missing = append(missing, path+": "+id+" (ko)")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("message ID used in code but missing: %s", m)
	}
}

func TestDetect(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cases := []struct {
		name string
		flag string
		env  func(string) string
		want Lang
	}{
		{"flag wins", "ko", env("LANG", "en_US.UTF-8"), Korean},
		{"LANG", "", env("LANG", "ko_KR.UTF-8"), Korean},
		{"LC_ALL beats LANG", "", env("LC_ALL", "en_US.UTF-8", "LANG", "ko_KR.UTF-8"), English},
		{"LC_MESSAGES beats LANG", "", env("LC_MESSAGES", "ko", "LANG", "en_US"), Korean},
		{"unknown language is English", "", env("LANG", "fr_FR.UTF-8"), English},
		{"nothing set", "", env(), English},
		{"bad flag falls back to env", "xx", env("LANG", "ko_KR"), Korean},
	}
	for _, c := range cases {
		if got := Detect(c.flag, c.env); got != c.want {
			t.Errorf("%s: Detect = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestLocalizerTranslatesAndFallsBack(t *testing.T) {
	ko := New(Korean)
	if got := ko.T("MenuTitle"); got != "서비스" {
		t.Fatalf("ko MenuTitle = %q", got)
	}
	if got := New(English).Tf("IAMUsersCount", map[string]any{"Count": 2}); got != "Users (2)" {
		t.Fatalf("en IAMUsersCount = %q", got)
	}
	if got := ko.T("NoSuchMessage"); got != "NoSuchMessage" {
		t.Fatalf("missing ID should show itself, got %q", got)
	}
	if Next(English) != Korean || Next(Korean) != English {
		t.Fatal("language cycle broken")
	}
}

// builtIDPrefixes are IDs the code builds rather than spells: labres.Kind.MessageID
// ("CleanupKind" + the kind's name).
var builtIDPrefixes = []string{"CleanupKind"}

// TestEveryIDIsUsed: a message no code (non-test Go source or embedded lab) names is
// dead weight that translators keep translating; delete it.
func TestEveryIDIsUsed(t *testing.T) {
	root := filepath.Join("..")
	var src strings.Builder
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".yaml")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all := src.String()
	var unused []string
next:
	for id := range messages(t, English) {
		for _, p := range builtIDPrefixes {
			if strings.HasPrefix(id, p) {
				continue next
			}
		}
		if !strings.Contains(all, `"`+id+`"`) {
			unused = append(unused, id)
		}
	}
	sort.Strings(unused)
	for _, id := range unused {
		t.Errorf("message %s is used nowhere", id)
	}
}
