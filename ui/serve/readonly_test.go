package serve

import (
	"context"
	"testing"

	"github.com/labconsole/labconsole/model"
)

// TestReadOnlyClassroom: with Config.ReadOnly a student's console wears the badge and
// a create is refused with the read-only message; the sandbox stays unchanged.
func TestReadOnlyClassroom(t *testing.T) {
	ts := startServer(t, Config{ReadOnly: true})
	key := newKey(t)
	c := ts.connect(t, clientOpts{key: key})
	c.waitFor(0, "Administrator", "READ-ONLY")

	from := c.mark()
	c.press("down", "down", "enter") // IAM home
	c.waitFor(from, "signin.aws.amazon.com")
	from = c.mark()
	c.press("enter") // User groups
	c.waitFor(from, "User groups (0)")
	from = c.mark()
	c.press("c") // Create group
	c.waitFor(from, "AdministratorAccess")
	from = c.mark()
	c.press("ro-group", "tab", "/", "CloudTrail", "enter", "space")
	c.waitFor(from, "attach-group-policy")
	from = c.mark()
	c.press("ctrl+s")
	c.waitFor(from, "(--read-only)")

	b, release := ts.backendOf(t, keyIdentity(key))
	defer release()
	groups, err := b.ListGroups(context.Background(), model.PageRequest{})
	if err != nil || len(groups.Items) != 0 {
		t.Fatalf("groups after a refused create: %+v, %v", groups.Items, err)
	}
}
