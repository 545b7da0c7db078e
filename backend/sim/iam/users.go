package iam

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// MaxUsers is IAM's users-per-account quota.
const MaxUsers = 5000

// Tag is an IAM tag on the wire.
type Tag struct {
	Key   string
	Value string
}

// User is IAM's User shape.
type User struct {
	Path                string
	UserName            string
	UserId              string
	Arn                 string
	CreateDate          time.Time
	PasswordLastUsed    *time.Time
	PermissionsBoundary *PermissionsBoundary
	Tags                []Tag
}

// PermissionsBoundary is IAM's AttachedPermissionsBoundary shape.
type PermissionsBoundary struct {
	PermissionsBoundaryType string
	PermissionsBoundaryArn  string
}

type createUserInput struct {
	Path                *string
	UserName            string
	PermissionsBoundary *string
	Tags                []Tag
}

type createUserOutput struct{ User *User }

type getUserInput struct{ UserName *string }

type getUserOutput struct{ User *User }

type listUsersInput struct {
	PathPrefix *string
	Marker     *string
	MaxItems   *int
}

type listUsersOutput struct {
	Users       []User
	IsTruncated bool
	Marker      *string
}

func noSuchUser(name string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "The user with name %s cannot be found.", name)
}

// validationFrom turns a model rule failure into IAM's ValidationError.
func validationFrom(err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return service.ValidationError("%s", fe.AWS)
	}
	var fes model.Errors
	if errors.As(err, &fes) && len(fes) > 0 {
		return service.ValidationError("%s", fes[0].AWS)
	}
	return err
}

func (s *Service) userArn(path, name string) string {
	return fmt.Sprintf("arn:aws:iam::%s:user%s%s", s.account, path, name)
}

func (s *Service) createUser(c *service.Call, in *createUserInput) (*createUserOutput, error) {
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	tags := make([]model.Tag, len(in.Tags))
	for i, t := range in.Tags {
		tags[i] = model.Tag{Key: t.Key, Value: t.Value}
	}
	if err := (model.NewUser{UserName: in.UserName, Path: path, Tags: tags}).Validate(); err != nil {
		return nil, validationFrom(err)
	}
	u := User{Path: path, UserName: in.UserName, UserId: NewUserID(), CreateDate: c.Now.Truncate(time.Second), Tags: in.Tags}
	u.Arn = s.userArn(path, u.UserName)
	if err := c.Authorize("iam:CreateUser", u.Arn); err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	if in.PermissionsBoundary != nil {
		u.PermissionsBoundary = &PermissionsBoundary{PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: *in.PermissionsBoundary}
	}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_users`).Scan(&n); err != nil {
			return err
		}
		if n >= MaxUsers {
			return protocol.Errorf(409, "LimitExceeded", "Cannot exceed quota for UsersPerAccount: %d", MaxUsers)
		}
		return insertUser(tx, u)
	})
	if err != nil {
		return nil, err
	}
	s.propagate(userKey(u.UserName))
	return &createUserOutput{User: &u}, nil
}

func insertUser(tx *sql.Tx, u User) error {
	var existing string
	err := tx.QueryRow(`SELECT name FROM iam_users WHERE name = ?`, u.UserName).Scan(&existing)
	if err == nil {
		return protocol.Errorf(409, "EntityAlreadyExists", "User with name %s already exists.", u.UserName)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var boundary any
	if u.PermissionsBoundary != nil {
		boundary = u.PermissionsBoundary.PermissionsBoundaryArn
	}
	if _, err := tx.Exec(`INSERT INTO iam_users(user_id, name, path, create_date, permissions_boundary) VALUES(?,?,?,?,?)`,
		u.UserId, u.UserName, u.Path, u.CreateDate.UnixMilli(), boundary); err != nil {
		return err
	}
	for i, t := range u.Tags {
		if _, err := tx.Exec(`INSERT INTO iam_user_tags(user_id, ord, key, value) VALUES(?,?,?,?)`, u.UserId, i, t.Key, t.Value); err != nil {
			return err
		}
	}
	return nil
}

const userColumns = `user_id, name, path, create_date, password_last_used, permissions_boundary`

func (s *Service) scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var created int64
	var lastUsed sql.NullInt64
	var boundary sql.NullString
	if err := row.Scan(&u.UserId, &u.UserName, &u.Path, &created, &lastUsed, &boundary); err != nil {
		return u, err
	}
	u.CreateDate = time.UnixMilli(created).UTC()
	if lastUsed.Valid {
		t := time.UnixMilli(lastUsed.Int64).UTC()
		u.PasswordLastUsed = &t
	}
	if boundary.Valid {
		u.PermissionsBoundary = &PermissionsBoundary{PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: boundary.String}
	}
	u.Arn = s.userArn(u.Path, u.UserName)
	return u, nil
}

func (s *Service) getUser(c *service.Call, in *getUserInput) (*getUserOutput, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:GetUser", name)
	if err != nil {
		return nil, err
	}
	if u.Tags, err = s.userTags(c, u.UserId); err != nil {
		return nil, err
	}
	return &getUserOutput{User: &u}, nil
}

func (s *Service) userByName(ctx context.Context, name string) (User, error) {
	u, err := s.scanUser(s.db.SQL().QueryRowContext(ctx, `SELECT `+userColumns+` FROM iam_users WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return u, noSuchUser(name)
	}
	return u, err
}

// listUsers pages in name order (case-insensitive, as the console shows them). The
// marker is opaque to clients: the last name returned, base64-encoded.
func (s *Service) listUsers(c *service.Call, in *listUsersInput) (*listUsersOutput, error) {
	limit := 100
	if in.MaxItems != nil {
		if *in.MaxItems < 1 || *in.MaxItems > 1000 {
			return nil, service.ValidationError("1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000", *in.MaxItems)
		}
		limit = *in.MaxItems
	}
	prefix := "/"
	if in.PathPrefix != nil && *in.PathPrefix != "" {
		prefix = *in.PathPrefix
	}
	if err := c.Authorize("iam:ListUsers", fmt.Sprintf("arn:aws:iam::%s:user%s", s.account, prefix)); err != nil {
		return nil, err
	}
	after := ""
	if in.Marker != nil {
		b, err := base64.RawURLEncoding.DecodeString(*in.Marker)
		if err != nil || len(b) == 0 {
			return nil, protocol.NewError(400, "InvalidInput", "Invalid Marker.")
		}
		after = string(b)
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT `+userColumns+` FROM iam_users
		WHERE substr(path, 1, ?) = ? AND (? = '' OR name > ? COLLATE NOCASE)
		ORDER BY name COLLATE NOCASE LIMIT ?`, len(prefix), prefix, after, after, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listUsersOutput{Users: []User{}}
	for rows.Next() {
		u, err := s.scanUser(rows)
		if err != nil {
			return nil, err
		}
		out.Users = append(out.Users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out.Users) > limit {
		out.Users = out.Users[:limit]
		out.IsTruncated = true
		m := base64.RawURLEncoding.EncodeToString([]byte(strings.ToLower(out.Users[limit-1].UserName)))
		out.Marker = &m
	}
	return out, nil
}
