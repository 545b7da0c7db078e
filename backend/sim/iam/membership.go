package iam

import (
	"database/sql"
	"errors"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// MaxGroupsPerUser is IAM's groups-per-user quota.
const MaxGroupsPerUser = 10

type membershipInput struct {
	GroupName string
	UserName  string
}

type listGroupsForUserInput struct {
	UserName string
	Marker   *string
	MaxItems *int
}

func validateMembership(in *membershipInput) error {
	var errs model.Errors
	errs.Add(model.ValidateGroupName(in.GroupName))
	errs.Add(model.ValidateUserName(in.UserName))
	if err := errs.Err(); err != nil {
		return validationFrom(err)
	}
	return nil
}

func membershipResources(group, user string) []service.EventResource {
	return []service.EventResource{{Type: "AWS::IAM::Group", Name: group}, {Type: "AWS::IAM::User", Name: user}}
}

// addUserToGroup is idempotent, as in IAM: adding a member twice succeeds.
func (s *Service) addUserToGroup(c *service.Call, in *membershipInput) (*struct{}, error) {
	if err := validateMembership(in); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroup(c, "iam:AddUserToGroup", in.GroupName)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = membershipResources(g.GroupName, in.UserName)
	if s.propagating(userKey(in.UserName)) {
		return nil, noSuchUser(in.UserName)
	}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		userID, err := userIDByName(c.Ctx, tx, in.UserName)
		if err != nil {
			return err
		}
		defer s.propagate(memberKey(g.GroupName, userID))
		var member int
		err = tx.QueryRow(`SELECT 1 FROM iam_group_members WHERE group_id = ? AND user_id = ?`, g.GroupId, userID).Scan(&member)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_group_members WHERE user_id = ?`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxGroupsPerUser {
			return quotaExceeded("GroupsPerUser", MaxGroupsPerUser)
		}
		_, err = tx.Exec(`INSERT INTO iam_group_members(group_id, user_id) VALUES(?, ?)`, g.GroupId, userID)
		return err
	})
}

func (s *Service) removeUserFromGroup(c *service.Call, in *membershipInput) (*struct{}, error) {
	if err := validateMembership(in); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroup(c, "iam:RemoveUserFromGroup", in.GroupName)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = membershipResources(g.GroupName, in.UserName)
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		userID, err := userIDByName(c.Ctx, tx, in.UserName)
		if err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM iam_group_members WHERE group_id = ? AND user_id = ?`, g.GroupId, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return noSuchUser(in.UserName) // not a member: IAM answers as for a missing user
		}
		return nil
	})
}

// listGroupsForUser answers the user's groups (the Users list's "Groups" column and
// the user summary's "Groups" tab).
func (s *Service) listGroupsForUser(c *service.Call, in *listGroupsForUserInput) (*listGroupsOutput, error) {
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:ListGroupsForUser", in.UserName)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT `+prefixed("g.", groupColumns)+` FROM iam_groups g
		JOIN iam_group_members m ON m.group_id = g.group_id
		WHERE m.user_id = ? AND (? = '' OR lower(g.name) > ?)
		ORDER BY lower(g.name) LIMIT ?`, u.UserId, p.after, p.after, p.limit+1)
	if err != nil {
		return nil, err
	}
	return s.groupPage(rows, p.limit)
}
