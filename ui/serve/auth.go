package serve

import (
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Authentication. Public keys are tried first by OpenSSH and every key is accepted.
// "none" is refused on purpose: OpenSSH tries it before any key, and accepting it
// would hand key holders an anonymous sandbox instead of their own.

// password accepts any password (--allow-password): the user name names the sandbox.
func (s *Server) password(ctx ssh.Context, _ string) bool {
	markPassword(ctx)
	return true
}

// keyboardInteractive is the path of clients without a key. Without --allow-password
// it asks nothing and the session gets an ephemeral sandbox. With it, OpenSSH would
// try keyboard-interactive before password, so it asks for a password here too and
// the session is treated as password-authenticated.
func (s *Server) keyboardInteractive(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	if !s.cfg.AllowPassword {
		return true
	}
	if _, err := challenge("", "", []string{"Password: "}, []bool{false}); err != nil {
		return false
	}
	markPassword(ctx)
	return true
}

// markPassword records the method in the permissions the successful callback returns,
// which are the ones the session sees.
func markPassword(ctx ssh.Context) {
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[authExtension] = "password"
}
