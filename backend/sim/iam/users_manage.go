package iam

import (
	"database/sql"
	"errors"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

type deleteUserInput struct{ UserName string }

type updateUserInput struct {
	UserName    string
	NewPath     *string
	NewUserName *string
}

// deleteUserConflicts are what IAM requires gone before a user can be deleted, in
// the order they are reported; the console's delete dialog removes them first.
var deleteUserConflicts = []struct{ query, conflict string }{
	{`SELECT count(*) FROM iam_login_profiles WHERE user_id = ?`, "delete login profile"},
	{`SELECT count(*) FROM iam_access_keys WHERE user_id = ?`, "delete access keys"},
	{`SELECT count(*) FROM iam_group_members WHERE user_id = ?`, "remove user from all groups"},
	{`SELECT count(*) FROM iam_user_policy_attachments WHERE user_id = ?`, "detach all policies"},
	{`SELECT count(*) FROM iam_user_policies WHERE user_id = ?`, "delete policies"},
}

func (s *Service) deleteUser(c *service.Call, in *deleteUserInput) (*struct{}, error) {
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:DeleteUser", in.UserName)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, ch := range deleteUserConflicts {
			var n int
			if err := tx.QueryRow(ch.query, u.UserId).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return deleteConflict(ch.conflict)
			}
		}
		// Tags and console sessions go with the user (ON DELETE CASCADE).
		_, err := tx.Exec(`DELETE FROM iam_users WHERE user_id = ?`, u.UserId)
		return err
	})
}

// updateUser renames a user or moves it to another path. IAM asks for permission on
// both the old and the new ARN.
func (s *Service) updateUser(c *service.Call, in *updateUserInput) (*struct{}, error) {
	upd := model.UserUpdate{}
	if in.NewUserName != nil {
		upd.NewUserName = *in.NewUserName
	}
	if in.NewPath != nil {
		upd.NewPath = *in.NewPath
	}
	var errs model.Errors
	errs.Add(model.ValidateUserName(in.UserName))
	errs.Add(upd.Validate())
	if err := errs.Err(); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:UpdateUser", in.UserName)
	if err != nil {
		return nil, err
	}
	newName, newPath := u.UserName, u.Path
	if upd.NewUserName != "" {
		newName = upd.NewUserName
	}
	if upd.NewPath != "" {
		newPath = upd.NewPath
	}
	if newName != u.UserName || newPath != u.Path {
		if err := c.Authorize("iam:UpdateUser", s.userArn(newPath, newName)); err != nil {
			return nil, err
		}
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var other string
		err := tx.QueryRow(`SELECT user_id FROM iam_users WHERE name = ? AND user_id <> ?`, newName, u.UserId).Scan(&other)
		if err == nil {
			return protocol.Errorf(409, "EntityAlreadyExists", "User with name %s already exists.", newName)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(`UPDATE iam_users SET name = ?, path = ? WHERE user_id = ?`, newName, newPath, u.UserId)
		return err
	})
}
