package export

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
)

// NetworkQuery selects a co-ownership network as the GraphQL `network`
// query does, with the filter as a user writes it: the jurisdiction may be a
// path (南京市/鼓楼区), a name (鼓楼区) or a name without its suffix (鼓楼).
type NetworkQuery struct {
	Jurisdiction      string
	Year              int
	PlanID            string
	Roles             []graph.Role
	IncludeCollective bool
	MinShared         int // at least 1
	// ByYear splits the network year by year too (Network.Years), for a
	// format that writes each year apart; it costs a store call a year.
	ByYear bool
}

// resolve checks q as the API's network query is checked (package duty)
// and turns it into the store's filter: a year or plan that no loaded
// document has is refused, rather than exported as an empty network that
// looks like a fact.
func (q NetworkQuery) resolve(ctx context.Context, v *duty.View) (graph.CoOwnershipFilter, error) {
	if err := duty.CheckMinShared(q.MinShared); err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	return v.CoOwnershipFilter(ctx, q.coOwnershipQuery(), "")
}

// coOwnershipQuery is q's filter as package duty takes it.
func (q NetworkQuery) coOwnershipQuery() duty.CoOwnershipQuery {
	cq := duty.CoOwnershipQuery{Year: q.Year, Jurisdiction: q.Jurisdiction, Roles: q.Roles, IncludeCollective: q.IncludeCollective}
	if q.PlanID != "" {
		cq.PlanID = &q.PlanID
	}
	return cq
}

// String describes the filter for file headers and names: "南京市/鼓楼区 2026".
func (q NetworkQuery) String() string {
	var parts []string
	if q.Jurisdiction != "" {
		parts = append(parts, "jurisdiction "+q.Jurisdiction)
	}
	if q.Year != 0 {
		parts = append(parts, "year "+strconv.Itoa(q.Year))
	}
	if q.PlanID != "" {
		parts = append(parts, "plan "+q.PlanID)
	}
	if len(q.Roles) > 0 {
		roles := make([]string, len(q.Roles))
		for i, r := range q.Roles {
			roles[i] = string(r)
		}
		parts = append(parts, "roles "+strings.Join(roles, ","))
	}
	if q.IncludeCollective {
		parts = append(parts, "placeholders included")
	}
	if q.MinShared > 1 {
		parts = append(parts, "at least "+strconv.Itoa(q.MinShared)+" shared tasks")
	}
	if len(parts) == 0 {
		return "everything loaded"
	}
	return strings.Join(parts, ", ")
}

// ParseRole reads a role as the API (LEAD), the store (lead) or a Chinese
// reader (主办, 协办) writes it.
func ParseRole(s string) (graph.Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "lead", "主办":
		return graph.RoleLead, nil
	case "cooperator", "cooperate", "协办":
		return graph.RoleCooperator, nil
	}
	return "", duty.Invalidf("role %q: want lead or cooperator", s)
}

// ParseRoles reads a comma-separated list of roles.
func ParseRoles(s string) ([]graph.Role, error) {
	var roles []graph.Role
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		r, err := ParseRole(part)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles, nil
}
