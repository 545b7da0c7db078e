package iam

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// MaxGroups is IAM's groups-per-account quota.
const MaxGroups = 300

// Group is IAM's Group shape.
type Group struct {
	Path       string
	GroupName  string
	GroupId    string
	Arn        string
	CreateDate time.Time
}

type createGroupInput struct {
	Path      *string
	GroupName string
}

type createGroupOutput struct{ Group *Group }

type getGroupInput struct {
	GroupName string
	Marker    *string
	MaxItems  *int
}

type getGroupOutput struct {
	Group       *Group
	Users       []User
	IsTruncated bool
	Marker      *string
}

type listGroupsInput struct {
	PathPrefix *string
	Marker     *string
	MaxItems   *int
}

type listGroupsOutput struct {
	Groups      []Group
	IsTruncated bool
	Marker      *string
}

type deleteGroupInput struct{ GroupName string }

const groupColumns = `group_id, name, path, create_date`

func (s *Service) scanGroup(row interface{ Scan(...any) error }) (Group, error) {
	var g Group
	var created int64
	if err := row.Scan(&g.GroupId, &g.GroupName, &g.Path, &created); err != nil {
		return g, err
	}
	g.CreateDate = time.UnixMilli(created).UTC()
	g.Arn = s.groupArn(g.Path, g.GroupName)
	return g, nil
}

func (s *Service) groupByName(ctx context.Context, q querier, name string) (Group, error) {
	g, err := s.scanGroup(q.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM iam_groups WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return g, noSuchGroup(name)
	}
	return g, err
}

func (s *Service) createGroup(c *service.Call, in *createGroupInput) (*createGroupOutput, error) {
	path := "/"
	if in.Path != nil {
		path = *in.Path
	}
	if err := (model.NewGroup{GroupName: in.GroupName, Path: path}).Validate(); err != nil {
		return nil, validationFrom(err)
	}
	g := Group{Path: path, GroupName: in.GroupName, GroupId: NewGroupID(), CreateDate: c.Now.Truncate(time.Second)}
	g.Arn = s.groupArn(path, g.GroupName)
	if err := c.Authorize("iam:CreateGroup", g.Arn); err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Group", Name: g.GroupName}}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_groups`).Scan(&n); err != nil {
			return err
		}
		if n >= MaxGroups {
			return quotaExceeded("GroupsPerAccount", MaxGroups)
		}
		var existing string
		err := tx.QueryRow(`SELECT name FROM iam_groups WHERE name = ?`, g.GroupName).Scan(&existing)
		if err == nil {
			return groupExists(g.GroupName)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(`INSERT INTO iam_groups(group_id, name, path, create_date) VALUES(?,?,?,?)`,
			g.GroupId, g.GroupName, g.Path, g.CreateDate.UnixMilli())
		return err
	})
	if err != nil {
		return nil, err
	}
	s.propagate(groupKey(g.GroupName))
	return &createGroupOutput{Group: &g}, nil
}

// getGroup answers the group and its members (the console's group summary "Users"
// tab), paged by user name.
func (s *Service) getGroup(c *service.Call, in *getGroupInput) (*getGroupOutput, error) {
	if err := model.ValidateGroupName(in.GroupName); err != nil {
		return nil, validationFrom(err)
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	g, err := s.authorizeGroup(c, "iam:GetGroup", in.GroupName)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT `+prefixed("u.", userColumns)+` FROM iam_users u
		JOIN iam_group_members m ON m.user_id = u.user_id
		WHERE m.group_id = ? AND (? = '' OR lower(u.name) > ?)
		ORDER BY lower(u.name) LIMIT ?`, g.GroupId, p.after, p.after, p.limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &getGroupOutput{Group: &g, Users: []User{}}
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
	if len(out.Users) > p.limit {
		out.Users = out.Users[:p.limit]
		out.IsTruncated = true
		out.Marker = markerFor(sortKey(out.Users[p.limit-1].UserName))
	}
	return out, nil
}

func (s *Service) listGroups(c *service.Call, in *listGroupsInput) (*listGroupsOutput, error) {
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	prefix := "/"
	if in.PathPrefix != nil && *in.PathPrefix != "" {
		prefix = *in.PathPrefix
	}
	if err := c.Authorize("iam:ListGroups", fmt.Sprintf("arn:aws:iam::%s:group%s", s.account, prefix)); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT `+groupColumns+` FROM iam_groups
		WHERE substr(path, 1, ?) = ? AND (? = '' OR lower(name) > ?)
		ORDER BY lower(name) LIMIT ?`, len(prefix), prefix, p.after, p.after, p.limit+1)
	if err != nil {
		return nil, err
	}
	return s.groupPage(rows, p.limit)
}

// deleteGroup refuses a group that still has members or policies, as IAM does: the
// console removes them first and says so.
func (s *Service) deleteGroup(c *service.Call, in *deleteGroupInput) (*struct{}, error) {
	if err := model.ValidateGroupName(in.GroupName); err != nil {
		return nil, validationFrom(err)
	}
	g, err := s.authorizeGroup(c, "iam:DeleteGroup", in.GroupName)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Group", Name: g.GroupName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		checks := []struct{ query, conflict string }{
			{`SELECT count(*) FROM iam_group_members WHERE group_id = ?`, "remove users from group"},
			{`SELECT count(*) FROM iam_group_policy_attachments WHERE group_id = ?`, "detach all policies"},
			{`SELECT count(*) FROM iam_group_policies WHERE group_id = ?`, "delete policies"},
		}
		for _, ch := range checks {
			var n int
			if err := tx.QueryRow(ch.query, g.GroupId).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return deleteConflict(ch.conflict)
			}
		}
		_, err := tx.Exec(`DELETE FROM iam_groups WHERE group_id = ?`, g.GroupId)
		return err
	})
}

// prefixed qualifies a comma-separated column list with a table alias.
func prefixed(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, col := range cols {
		cols[i] = alias + strings.TrimSpace(col)
	}
	return strings.Join(cols, ", ")
}

// groupPage reads one page of a group listing queried with limit+1 rows: the extra
// row only says that more follow, and the last group kept names the next marker.
func (s *Service) groupPage(rows *sql.Rows, limit int) (*listGroupsOutput, error) {
	defer rows.Close()
	out := &listGroupsOutput{Groups: []Group{}}
	for rows.Next() {
		g, err := s.scanGroup(rows)
		if err != nil {
			return nil, err
		}
		out.Groups = append(out.Groups, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out.Groups) > limit {
		out.Groups = out.Groups[:limit]
		out.IsTruncated = true
		out.Marker = markerFor(sortKey(out.Groups[limit-1].GroupName))
	}
	return out, nil
}
