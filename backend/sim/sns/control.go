package sns

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/model"
)

// MailboxContents is the answer of GET /_sim/mailbox.
type MailboxContents struct {
	Address  string `json:"address"`
	Messages []Mail `json:"messages"`
}

// Confirmed is the answer of POST /_sim/mailbox/confirm.
type Confirmed struct {
	SubscriptionArn string `json:"subscriptionArn"`
}

// ServeControl answers the mailbox part of the simulator's control API (the router
// has already checked the administrator's signature):
//
//	GET  /_sim/mailbox?address=student@example.com   → MailboxContents, newest first
//	POST /_sim/mailbox/confirm?token=…  (or {"token": "…"})  → Confirmed
//
// Confirming is what clicking "Confirm subscription" in the email does. It
// reports false for paths that are not its own.
func (s *Service) ServeControl(w http.ResponseWriter, r *http.Request, path string, body []byte) bool {
	switch {
	case path == "mailbox" && r.Method == http.MethodGet:
		addr := r.URL.Query().Get("address")
		if model.ValidateEmail(addr) != nil {
			fail(w, http.StatusBadRequest, "InvalidAddress", "address must be an email address, such as address=student@example.com")
			return true
		}
		mails, err := s.Mailbox(r.Context(), addr)
		if err != nil {
			fail(w, http.StatusInternalServerError, "InternalFailure", err.Error())
			return true
		}
		reply(w, MailboxContents{Address: addr, Messages: mails})
	case path == "mailbox/confirm" && r.Method == http.MethodPost:
		token := r.URL.Query().Get("token")
		if token == "" && len(body) > 0 {
			var in struct {
				Token string `json:"token"`
			}
			_ = json.Unmarshal(body, &in)
			token = in.Token
		}
		if token == "" {
			fail(w, http.StatusBadRequest, "InvalidParameter", "a confirmation token is required (token=… from the confirmation mail)")
			return true
		}
		arn, err := s.ConfirmToken(r.Context(), token)
		var pe *protocol.Error
		switch {
		case errors.As(err, &pe):
			fail(w, pe.HTTPStatus(), pe.Code, pe.Message)
		case err != nil:
			fail(w, http.StatusInternalServerError, "InternalFailure", err.Error())
		default:
			reply(w, Confirmed{SubscriptionArn: arn})
		}
	default:
		return false
	}
	return true
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"code": code, "message": msg})
}
