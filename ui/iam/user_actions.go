package iam

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/nav"
)

// add opens the tab's "Add" page: policies to attach directly (lab step C10) or
// groups to join.
func (u *UserDetail) add() tea.Cmd {
	switch u.tab {
	case tabPermissions:
		return nav.Push(NewAttachUserPolicies(u.c, u.name))
	case tabGroups:
		return nav.Push(NewAddUserToGroups(u.c, u.name))
	}
	return nil
}

// remove undoes the selected row of the tab: detach or delete a policy, leave a
// group, delete an access key.
func (u *UserDetail) remove() tea.Cmd {
	r, ok := u.tables[u.tab].Selected()
	if !ok {
		return nil
	}
	switch u.tab {
	case tabPermissions:
		p := r.Data.(permRow)
		if p.group != "" { // the console sends you to the group; say so
			u.actions.Show(&action.Action{Done: action.Text(u.c.Tf("IAMRemoveViaGroup", map[string]any{"Group": p.group}))})
			u.resize()
			return nil
		}
		return u.actions.Start(detachUserPolicyAction(u.c, u.name, p))
	case tabGroups:
		return u.actions.Start(removeFromGroupAction(u.c, u.name, r.ID))
	case tabSecurity:
		return u.actions.Start(deleteKeyAction(u.c, u.name, r.ID))
	}
	return nil
}

// toggleKey makes the selected access key inactive, or active again.
func (u *UserDetail) toggleKey() tea.Cmd {
	r, ok := u.tables[tabSecurity].Selected()
	if !ok || u.tab != tabSecurity {
		return nil
	}
	k := r.Data.(model.AccessKey)
	status, titleID, doneID := model.AccessKeyInactive, "IAMDeactivateKeyTitle", "IAMKeyDeactivated"
	if k.Status == model.AccessKeyInactive {
		status, titleID, doneID = model.AccessKeyActive, "IAMActivateKeyTitle", "IAMKeyActivated"
	}
	user, id := u.name, k.AccessKeyID
	return u.actions.Start(&action.Action{
		Title:        u.c.Tf(titleID, map[string]any{"ID": id}),
		ConfirmLabel: u.c.T("DialogConfirm"),
		Ask:          status == model.AccessKeyInactive, // the console confirms a deactivation
		Done:         action.Text(u.c.Tf(doneID, map[string]any{"ID": id})),
		Commands: []*awscli.Command{awscli.New("iam", "update-access-key").With("--user-name", user).
			With("--access-key-id", id).With("--status", status)},
		Run: action.Call(func(ctx context.Context, b backend.Backend) error { return b.UpdateAccessKey(ctx, user, id, status) }),
	})
}

// afterAction reloads the page after a change, and shows a new key's secret once.
func (u *UserDetail) afterAction(done *action.DoneMsg) tea.Cmd {
	if done.Err != nil {
		return nil
	}
	var cmd tea.Cmd
	if k, ok := done.Act.After.(*model.AccessKey); ok && k.SecretAccessKey != "" {
		body := u.c.Tf("IAMSecretBody", map[string]any{"ID": k.AccessKeyID, "Secret": k.SecretAccessKey})
		d := dialog.New(u.c, dialog.Options{Tag: secretTag{u}, Title: u.c.T("IAMSecretTitle"), Body: body,
			ConfirmLabel: u.c.T("IAMClose"), CancelLabel: u.c.T("IAMClose"), Width: 76})
		d.SetSize(u.width, u.height)
		u.secret = &d
		cmd = d.Init()
	}
	return tea.Batch(cmd, u.load())
}

func detachUserPolicyAction(c *common.Common, user string, p permRow) *action.Action {
	a := &action.Action{
		Title:        c.Tf("IAMRemovePolicyTitle", map[string]any{"Name": p.name}),
		Body:         c.Tf("IAMRemovePolicyBody", map[string]any{"Name": p.name, "User": user}),
		ConfirmLabel: c.T("IAMRemove"),
		Danger:       true,
		Ask:          true,
		Done:         action.Text(c.Tf("IAMPolicyRemoved", map[string]any{"Name": p.name})),
	}
	if p.inline {
		a.Commands = []*awscli.Command{awscli.New("iam", "delete-user-policy").With("--user-name", user).With("--policy-name", p.name)}
		a.Run = action.Call(func(ctx context.Context, b backend.Backend) error { return b.DeleteUserPolicy(ctx, user, p.name) })
		return a
	}
	a.Commands = []*awscli.Command{awscli.New("iam", "detach-user-policy").With("--user-name", user).With("--policy-arn", p.arn)}
	a.Run = action.Call(func(ctx context.Context, b backend.Backend) error { return b.DetachUserPolicy(ctx, user, p.arn) })
	return a
}

func removeFromGroupAction(c *common.Common, user, group string) *action.Action {
	return &action.Action{
		Title:        c.Tf("IAMRemoveFromGroupTitle", map[string]any{"Group": group}),
		Body:         c.Tf("IAMRemoveFromGroupBody", map[string]any{"Group": group, "User": user}),
		ConfirmLabel: c.T("IAMRemove"),
		Danger:       true,
		Ask:          true,
		Done:         action.Text(c.Tf("IAMRemovedFromGroup", map[string]any{"Group": group})),
		Commands:     []*awscli.Command{awscli.New("iam", "remove-user-from-group").With("--group-name", group).With("--user-name", user)},
		Run:          action.Call(func(ctx context.Context, b backend.Backend) error { return b.RemoveUserFromGroup(ctx, group, user) }),
	}
}

// createKeyAction makes an access key; After receives the key with its secret.
func createKeyAction(c *common.Common, user string) *action.Action {
	created := &model.AccessKey{}
	return &action.Action{
		Title:        c.T("IAMCreateKeyTitle"),
		ConfirmLabel: c.T("IAMKeyCreateKey"),
		Done:         action.Text(c.T("IAMKeyCreated")),
		Commands:     []*awscli.Command{awscli.New("iam", "create-access-key").With("--user-name", user)},
		Run: action.Call(func(ctx context.Context, b backend.Backend) error {
			k, err := b.CreateAccessKey(ctx, user)
			*created = k
			return err
		}),
		After: created,
	}
}

// deleteKeyAction asks for the key ID to be typed, as the console does.
func deleteKeyAction(c *common.Common, user, id string) *action.Action {
	return &action.Action{
		Title:         c.Tf("IAMDeleteKeyTitle", map[string]any{"ID": id}),
		Body:          c.T("IAMDeleteKeyBody"),
		ConfirmLabel:  c.T("IAMDelete"),
		Danger:        true,
		TypeToConfirm: id,
		Done:          action.Text(c.Tf("IAMKeyDeleted", map[string]any{"ID": id})),
		Commands:      []*awscli.Command{awscli.New("iam", "delete-access-key").With("--user-name", user).With("--access-key-id", id)},
		Run:           action.Call(func(ctx context.Context, b backend.Backend) error { return b.DeleteAccessKey(ctx, user, id) }),
	}
}
