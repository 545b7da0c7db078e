package sim

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/auth"
	"github.com/labconsole/labconsole/backend/sim/iam"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// Console sign-in is the simulator's stand-in for the AWS console's password sign-in,
// which has no API: POST /_sim/signin checks a user's console password and answers
// temporary credentials bound to that user (the console then signs every request
// with them, X-Amz-Security-Token included); POST /_sim/signout drops them. Both are
// unsigned, like the sign-in page: a student has a password, not a key.

// ConsoleLogin is one console sign-in attempt, as CloudTrail records it (eventName
// ConsoleLogin, eventType AwsConsoleSignIn, responseElements.ConsoleLogin
// Success/Failure).
type ConsoleLogin struct {
	// Principal is the user signing in. For a user name that does not exist it holds
	// only the account and iam.HiddenUserName, as CloudTrail hides it.
	Principal service.Principal
	Success   bool
	// ErrorMessage is CloudTrail's errorMessage of a failure ("Failed authentication").
	ErrorMessage string
	Time         time.Time // simulated time of the attempt
	SourceIP     string
	UserAgent    string
	MFAUsed      bool
}

// MsgFailedAuthentication is CloudTrail's errorMessage for a failed ConsoleLogin.
const MsgFailedAuthentication = "Failed authentication"

// consoleLoginHooks are the functions told about every sign-in attempt. They live on
// the Sim (not the account's state) so they survive Reset.
type consoleLoginHooks struct {
	mu  sync.RWMutex
	fns []func(ConsoleLogin)
}

// OnConsoleLogin registers fn to be told about every console sign-in attempt,
// successful or not. It exists for the CloudTrail recorder, which turns each attempt
// into a ConsoleLogin event (the sign-in is not an AWS API call, so the router's
// per-request recording never sees it). fn runs synchronously on the sign-in
// request, under the account's read lock: it must not block, nor call Reset.
func (s *Sim) OnConsoleLogin(fn func(ConsoleLogin)) {
	s.consoleLogins.mu.Lock()
	defer s.consoleLogins.mu.Unlock()
	s.consoleLogins.fns = append(s.consoleLogins.fns, fn)
}

func (s *Sim) notifyConsoleLogin(ev ConsoleLogin) {
	s.consoleLogins.mu.RLock()
	fns := s.consoleLogins.fns
	s.consoleLogins.mu.RUnlock()
	for _, fn := range fns {
		fn(ev)
	}
}

// SignInRequest is the body of POST /_sim/signin.
type SignInRequest struct {
	AccountID string `json:"accountId"`
	UserName  string `json:"userName"`
	Password  string `json:"password"`
}

// SignInResponse is the answer of a successful sign-in: credentials in the shape of
// STS's Credentials, and who they belong to.
type SignInResponse struct {
	AccessKeyID           string    `json:"AccessKeyId"`
	SecretAccessKey       string    `json:"SecretAccessKey"`
	SessionToken          string    `json:"SessionToken"`
	Expiration            time.Time `json:"Expiration"`
	UserName              string    `json:"UserName"`
	Arn                   string    `json:"Arn"`
	Account               string    `json:"Account"`
	PasswordResetRequired bool      `json:"PasswordResetRequired"`
}

// SignOutRequest is the body of POST /_sim/signout.
type SignOutRequest struct {
	AccessKeyID  string `json:"accessKeyId"`
	SessionToken string `json:"sessionToken"`
}

// serveSignIn answers the unsigned sign-in endpoints; false means the path is another
// control endpoint (which needs the administrator's signature).
func (s *Sim) serveSignIn(w http.ResponseWriter, r *http.Request, body []byte) bool {
	path := strings.TrimPrefix(r.URL.Path, controlPrefix)
	if path != "signin" && path != "signout" {
		return false
	}
	if r.Method != http.MethodPost {
		writeControl(w, http.StatusMethodNotAllowed, controlError{Code: "MethodNotAllowed", Message: "use POST " + r.URL.Path})
		return true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if path == "signin" {
		s.signIn(w, r, body)
	} else {
		s.signOut(w, r, body)
	}
	return true
}

func (s *Sim) signIn(w http.ResponseWriter, r *http.Request, body []byte) {
	var req SignInRequest
	if err := json.Unmarshal(body, &req); err != nil || req.UserName == "" {
		writeControl(w, http.StatusBadRequest, controlError{Code: "InvalidRequest", Message: `the body must be JSON {"accountId":"123456789012","userName":"…","password":"…"}`})
		return
	}
	now := s.clock.Now()
	ev := ConsoleLogin{Time: now, SourceIP: sourceIP(r), UserAgent: r.UserAgent()}
	var sess iam.ConsoleSession
	var err error
	if req.AccountID != "" && req.AccountID != s.opts.AccountID {
		// Another account's sign-in page: nothing here to check the password against.
		ev.Principal = service.Principal{Type: "IAMUser", Account: req.AccountID, UserName: iam.HiddenUserName}
		err = iam.ErrSignInFailed
	} else {
		sess, ev.Principal, err = s.iam.SignIn(r.Context(), req.UserName, req.Password, now)
	}
	if err != nil {
		if !errors.Is(err, iam.ErrSignInFailed) {
			writeControl(w, http.StatusInternalServerError, controlError{Code: "InternalFailure", Message: err.Error()})
			return
		}
		ev.ErrorMessage = MsgFailedAuthentication
		s.notifyConsoleLogin(ev)
		writeControl(w, http.StatusUnauthorized, controlError{Code: "AuthenticationFailed", Message: iam.MsgSignInFailed})
		return
	}
	ev.Success, ev.Principal = true, sess.Principal
	s.notifyConsoleLogin(ev)
	writeControl(w, http.StatusOK, SignInResponse{
		AccessKeyID: sess.AccessKeyID, SecretAccessKey: sess.SecretAccessKey, SessionToken: sess.SessionToken,
		Expiration: sess.Expiration, UserName: sess.Principal.UserName, Arn: sess.Principal.Arn, Account: sess.Principal.Account,
		PasswordResetRequired: sess.PasswordResetRequired,
	})
}

func (s *Sim) signOut(w http.ResponseWriter, r *http.Request, body []byte) {
	var req SignOutRequest
	if err := json.Unmarshal(body, &req); err != nil || req.AccessKeyID == "" {
		writeControl(w, http.StatusBadRequest, controlError{Code: "InvalidRequest", Message: `the body must be JSON {"accessKeyId":"ASIA…","sessionToken":"…"}`})
		return
	}
	ok, err := s.iam.SignOut(r.Context(), req.AccessKeyID, req.SessionToken)
	switch {
	case err != nil:
		writeControl(w, http.StatusInternalServerError, controlError{Code: "InternalFailure", Message: err.Error()})
	case !ok:
		writeControl(w, http.StatusForbidden, controlError{Code: "AccessDenied", Message: "the session token does not match these credentials"})
	default:
		writeControl(w, http.StatusOK, map[string]bool{"signedOut": true})
	}
}

// checkSessionToken enforces X-Amz-Security-Token: a console session's requests must
// carry its token and are refused once it has expired (in simulated time, the
// account's own clock); a long-term key must not carry one. The errors are AWS's for
// each protocol family.
func (s *Sim) checkSessionToken(r *http.Request, spec *protocol.Spec, cred iam.Credential, token string) error {
	name := ""
	if spec != nil {
		name = spec.SigningName
	}
	fam := auth.DetectFamily(r, name)
	if token != cred.SessionToken {
		switch fam {
		case auth.FamilyS3:
			return protocol.NewError(400, "InvalidToken", "The provided token is malformed or otherwise invalid.")
		case auth.FamilyJSON:
			return protocol.NewError(400, "UnrecognizedClientException", "The security token included in the request is invalid.")
		}
		return protocol.NewError(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
	}
	if cred.SessionToken != "" && !s.clock.Now().Before(cred.Expires) {
		switch fam {
		case auth.FamilyS3:
			return protocol.NewError(400, "ExpiredToken", "The provided token has expired.")
		case auth.FamilyJSON:
			return protocol.NewError(400, "ExpiredTokenException", "The security token included in the request is expired")
		}
		return protocol.NewError(400, "ExpiredToken", "The security token included in the request is expired")
	}
	return nil
}
