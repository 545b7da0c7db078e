package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/locales"
)

func TestSplitUser(t *testing.T) {
	cases := []struct {
		user, name string
		lang       locales.Lang
	}{
		{"ko", "", locales.Korean},
		{"EN", "", locales.English},
		{"alice+ko", "alice", locales.Korean},
		{"alice+en_US", "alice", locales.English},
		{"alice+fr", "alice+fr", ""},
		{"alice", "alice", ""},
		{"korean", "korean", ""},
		{"", "", ""},
	}
	for _, tc := range cases {
		name, lang := splitUser(tc.user)
		if name != tc.name || lang != tc.lang {
			t.Errorf("splitUser(%q) = %q, %q; want %q, %q", tc.user, name, lang, tc.name, tc.lang)
		}
	}
}

func TestSandboxNamesStayInsideTheDataDirectory(t *testing.T) {
	seen := map[string]string{}
	for _, user := range []string{"alice", "Alice", "../../etc", "a/b", "bob.smith", "x+fr", strings.Repeat("z", 200), "ko"} {
		name, _ := splitUser(user)
		id := Identity{Kind: AuthPassword, User: user, Name: name}
		got := id.SandboxName()
		if !strings.HasPrefix(got, "user-") || strings.ContainsAny(got, `/\`) || strings.Contains(got, "..") || len(got) > 80 {
			t.Errorf("%q: sandbox name %q is not a safe directory name", user, got)
		}
		if prev, dup := seen[got]; dup {
			t.Errorf("%q and %q share the sandbox %q", prev, user, got)
		}
		seen[got] = user
	}
	if (Identity{Kind: AuthAnonymous}).SandboxName() != "" {
		t.Error("an anonymous identity names a persistent sandbox")
	}
	key := keyIdentity(newKey(t))
	if n := key.SandboxName(); !strings.HasPrefix(n, "key-") || len(n) != 4+64 {
		t.Errorf("key sandbox name %q", n)
	}
}

func TestSessionLangFromEnvironment(t *testing.T) {
	cases := []struct {
		env  []string
		want locales.Lang
	}{
		{nil, locales.English},
		{[]string{"LANG=ko_KR.UTF-8"}, locales.Korean},
		{[]string{"LANG=ko_KR.UTF-8", "LC_MESSAGES=en_US.UTF-8"}, locales.English},
		{[]string{"LC_ALL=ko_KR.UTF-8", "LANG=en_US.UTF-8"}, locales.Korean},
		{[]string{"LANG=fr_FR.UTF-8"}, locales.English},
		{[]string{"TERM=xterm", "LANG=ko"}, locales.Korean},
	}
	for _, tc := range cases {
		if got := sessionLang(Identity{}, tc.env); got != tc.want {
			t.Errorf("env %v: %s, want %s", tc.env, got, tc.want)
		}
	}
	if got := sessionLang(Identity{Lang: locales.English}, []string{"LANG=ko_KR.UTF-8"}); got != locales.English {
		t.Errorf("the user name's language lost to LANG: %s", got)
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Minute: "30m", time.Hour: "1h", 90 * time.Second: "1m30s", 1500 * time.Millisecond: "1.5s"} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
