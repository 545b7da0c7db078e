package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/locales"
)

// AuthKind is how a connection authenticated, which decides whose sandbox it gets.
type AuthKind int

const (
	// AuthKey: an SSH public key; the key's fingerprint names the sandbox, so a student
	// resumes by connecting again with the same key, whatever user name they type.
	AuthKey AuthKind = iota + 1
	// AuthPassword (only with --allow-password): the user name names the sandbox and any
	// password is accepted, a classroom trade-off for students without keys.
	AuthPassword
	// AuthAnonymous: keyboard-interactive with no key; the sandbox lives in memory and
	// is gone when the session ends, since nothing identifies the student next time.
	AuthAnonymous
)

// authExtension marks, in the connection's ssh.Permissions, that the password path
// authenticated it; the permissions of the method that succeeded are the ones kept.
const authExtension = "labconsole-auth"

// Identity is who a session belongs to.
type Identity struct {
	Kind        AuthKind
	User        string       // the SSH user name as typed, e.g. "alice+ko"
	Name        string       // the user name without a language suffix ("alice")
	Fingerprint string       // SHA256:… of the public key (AuthKey)
	Lang        locales.Lang // from the user name ("ko", "alice+ko"); "" when not given
	Key         ssh.PublicKey
}

// identify reads the session's authentication into an Identity.
func identify(sess ssh.Session) Identity {
	id := Identity{User: sess.User()}
	id.Name, id.Lang = splitUser(id.User)
	switch {
	case sess.PublicKey() != nil:
		id.Kind, id.Key = AuthKey, sess.PublicKey()
		id.Fingerprint = gossh.FingerprintSHA256(id.Key)
	case sess.Permissions().Extensions[authExtension] == "password":
		id.Kind = AuthPassword
	default:
		id.Kind = AuthAnonymous
	}
	return id
}

// splitUser reads a language from the user name: "ko" and "en" alone, or a "+ko" suffix
// ("alice+ko"). An unknown suffix is left as part of the name.
func splitUser(user string) (name string, lang locales.Lang) {
	if l, ok := locales.Parse(user); ok && len(user) == len(l) {
		return "", l
	}
	if i := strings.LastIndexByte(user, '+'); i >= 0 {
		if l, ok := locales.Parse(user[i+1:]); ok {
			return user[:i], l
		}
	}
	return user, ""
}

// Persistent reports whether the identity's sandbox is kept on disk across sessions.
func (id Identity) Persistent() bool { return id.Kind == AuthKey || id.Kind == AuthPassword }

// SandboxName is the directory under DATA/sandboxes holding the identity's account;
// "" for an anonymous (ephemeral) sandbox. Names are derived, never taken as typed, so
// no user name can climb out of the directory or collide on a case-folding disk.
func (id Identity) SandboxName() string {
	switch id.Kind {
	case AuthKey:
		sum := sha256.Sum256(id.Key.Marshal()) // the same hash as the SHA256 fingerprint
		return "key-" + hex.EncodeToString(sum[:])
	case AuthPassword:
		name := id.Name
		if name == "" {
			name = id.User // "ko@host" with a password: the whole name is all there is
		}
		if safeUser.MatchString(name) {
			return "user-" + name
		}
		sum := sha256.Sum256([]byte(name))
		return "user-" + hex.EncodeToString(sum[:16])
	}
	return ""
}

var safeUser = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// Label is how the instructor's table names the session: the key's fingerprint or the
// user name.
func (id Identity) Label() string {
	switch id.Kind {
	case AuthKey:
		return id.Fingerprint
	case AuthPassword:
		if id.Name != "" {
			return id.Name
		}
		return id.User
	}
	return ""
}
