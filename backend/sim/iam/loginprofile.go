package iam

import (
	"database/sql"
	"errors"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// LoginProfile is IAM's LoginProfile shape: a user's console password exists, and
// nothing more is ever returned about it.
type LoginProfile struct {
	UserName              string
	CreateDate            time.Time
	PasswordResetRequired bool
}

type createLoginProfileInput struct {
	UserName              *string
	Password              *string
	PasswordResetRequired *bool
}

type loginProfileOutput struct{ LoginProfile *LoginProfile }

type userNameInput struct{ UserName *string }

type updateLoginProfileInput struct {
	UserName              string
	Password              *string
	PasswordResetRequired *bool
}

// loginProfileRecord is what CloudTrail records of a password change: never the
// password itself.
func loginProfileRecord(user string, reset *bool) map[string]any {
	m := map[string]any{"userName": user}
	if reset != nil {
		m["passwordResetRequired"] = *reset
	}
	return m
}

func (s *Service) createLoginProfile(c *service.Call, in *createLoginProfileInput) (*loginProfileOutput, error) {
	name := callerName(c, in.UserName)
	reset := in.PasswordResetRequired != nil && *in.PasswordResetRequired
	c.Record.RequestParameters = loginProfileRecord(name, in.PasswordResetRequired)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	if in.Password == nil {
		return nil, service.ValidationError("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null")
	}
	if err := checkPassword(*in.Password); err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:CreateLoginProfile", name)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	hash, err := hashPassword(*in.Password)
	if err != nil {
		return nil, err
	}
	lp := LoginProfile{UserName: u.UserName, CreateDate: c.Now.Truncate(time.Second), PasswordResetRequired: reset}
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRow(`SELECT 1 FROM iam_login_profiles WHERE user_id = ?`, u.UserId).Scan(&one)
		if err == nil {
			return loginProfileExists(u.UserName)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(`INSERT INTO iam_login_profiles(user_id, password_hash, create_date, reset_required) VALUES(?,?,?,?)`,
			u.UserId, hash, lp.CreateDate.UnixMilli(), reset)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.propagate(loginProfileKey(u.UserName))
	return &loginProfileOutput{LoginProfile: &lp}, nil
}

func (s *Service) getLoginProfile(c *service.Call, in *userNameInput) (*loginProfileOutput, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:GetLoginProfile", name)
	if err != nil {
		return nil, err
	}
	lp := LoginProfile{UserName: u.UserName}
	var created int64
	err = s.db.SQL().QueryRowContext(c.Ctx, `SELECT create_date, reset_required FROM iam_login_profiles WHERE user_id = ?`, u.UserId).
		Scan(&created, &lp.PasswordResetRequired)
	if err == nil && s.propagating(loginProfileKey(u.UserName)) {
		err = sql.ErrNoRows
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, noSuchLoginProfile(u.UserName)
	}
	if err != nil {
		return nil, err
	}
	lp.CreateDate = time.UnixMilli(created).UTC()
	return &loginProfileOutput{LoginProfile: &lp}, nil
}

// updateLoginProfile changes the password, the reset flag, or both (an omitted field
// is left as it is).
func (s *Service) updateLoginProfile(c *service.Call, in *updateLoginProfileInput) (*struct{}, error) {
	c.Record.RequestParameters = loginProfileRecord(in.UserName, in.PasswordResetRequired)
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	if in.Password != nil {
		if err := checkPassword(*in.Password); err != nil {
			return nil, err
		}
	}
	u, err := s.authorizeUser(c, "iam:UpdateLoginProfile", in.UserName)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	var hash string
	if in.Password != nil {
		if hash, err = hashPassword(*in.Password); err != nil {
			return nil, err
		}
	}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRow(`SELECT 1 FROM iam_login_profiles WHERE user_id = ?`, u.UserId).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return noSuchLoginProfile(u.UserName)
		}
		if err != nil {
			return err
		}
		if hash != "" {
			if _, err := tx.Exec(`UPDATE iam_login_profiles SET password_hash = ? WHERE user_id = ?`, hash, u.UserId); err != nil {
				return err
			}
			s.propagate(loginProfileKey(u.UserName))
		}
		if in.PasswordResetRequired != nil {
			if _, err := tx.Exec(`UPDATE iam_login_profiles SET reset_required = ? WHERE user_id = ?`, *in.PasswordResetRequired, u.UserId); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) deleteLoginProfile(c *service.Call, in *userNameInput) (*struct{}, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:DeleteLoginProfile", name)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	res, err := s.db.SQL().ExecContext(c.Ctx, `DELETE FROM iam_login_profiles WHERE user_id = ?`, u.UserId)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, noSuchLoginProfile(u.UserName)
	}
	return nil, nil
}
