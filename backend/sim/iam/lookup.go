package iam

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// querier is what *sql.DB and *sql.Tx share. Reads inside a transaction must go
// through the transaction: the in-memory database has a single connection, so a read
// on the pool while a transaction holds it would wait forever.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Service) groupArn(path, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:group%s%s", s.account, path, name)
}

func (s *Service) localPolicyArn(path, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:policy%s%s", s.account, path, name)
}

// callerName is the user an operation acts on when UserName is omitted: IAM defaults
// to the user whose key signed the request.
func callerName(c *service.Call, name *string) string {
	if name != nil && *name != "" {
		return *name
	}
	return c.Principal.UserName
}

// authorizeUser asks for action on the named user and then loads it. The user's ARN
// carries its path, so the user is looked up first; a missing user is reported only
// after authorization, as IAM does (a caller without permission learns nothing about
// which users exist).
func (s *Service) authorizeUser(c *service.Call, action, name string) (User, error) {
	return s.authorizeUserWith(c, action, name, nil)
}

// authorizeUserWith is authorizeUser with condition keys.
func (s *Service) authorizeUserWith(c *service.Call, action, name string, cond map[string][]string) (User, error) {
	u, err := s.userByName(c.Ctx, name)
	if err == nil && s.propagating(userKey(u.UserName)) {
		u, err = User{}, noSuchUser(name)
	}
	found := err == nil
	if err != nil && !isNoSuch(err) {
		return u, err
	}
	path := "/"
	if found {
		path = u.Path
		name = u.UserName
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: s.userArn(path, name), Context: cond}); err != nil {
		return u, err
	}
	if !found {
		return u, noSuchUser(name)
	}
	return u, nil
}

// authorizeGroup is authorizeUser for groups.
func (s *Service) authorizeGroup(c *service.Call, action, name string) (Group, error) {
	return s.authorizeGroupWith(c, action, name, nil)
}

// authorizeGroupWith is authorizeGroup with condition keys.
func (s *Service) authorizeGroupWith(c *service.Call, action, name string, cond map[string][]string) (Group, error) {
	g, err := s.groupByName(c.Ctx, s.db.SQL(), name)
	if err == nil && s.propagating(groupKey(g.GroupName)) {
		g, err = Group{}, noSuchGroup(name)
	}
	found := err == nil
	if err != nil && !isNoSuch(err) {
		return g, err
	}
	path := "/"
	if found {
		path = g.Path
		name = g.GroupName
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: s.groupArn(path, name), Context: cond}); err != nil {
		return g, err
	}
	if !found {
		return g, noSuchGroup(name)
	}
	return g, nil
}

// isNoSuch reports whether err is IAM's NoSuchEntity.
func isNoSuch(err error) bool {
	var pe *protocol.Error
	return errors.As(err, &pe) && pe.Code == "NoSuchEntity"
}

// userIDByName resolves a user inside a transaction.
func userIDByName(ctx context.Context, q querier, name string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT user_id FROM iam_users WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", noSuchUser(name)
	}
	return id, err
}
