package export

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
}

// resolve checks q against what the store holds and turns it into the
// store's filter. Like the API it refuses a year or plan that no loaded
// document has, rather than exporting an empty network that looks like a
// fact.
func (q NetworkQuery) resolve(ctx context.Context, s graph.Store) (graph.CoOwnershipFilter, error) {
	if q.MinShared < 1 {
		return graph.CoOwnershipFilter{}, invalidf("minShared %d: want at least 1", q.MinShared)
	}
	for _, r := range q.Roles {
		if r == "" {
			return graph.CoOwnershipFilter{}, invalidf("empty role: want %s or %s", graph.RoleLead, graph.RoleCooperator)
		}
		if err := graph.CheckRole(r); err != nil {
			return graph.CoOwnershipFilter{}, err
		}
	}
	j, err := resolveJurisdiction(ctx, s, q.Jurisdiction)
	if err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	if err := checkPlanYear(ctx, s, q.Year, j); err != nil {
		return graph.CoOwnershipFilter{}, err
	}
	if q.PlanID != "" {
		if err := checkPlanID(ctx, s, q.PlanID); err != nil {
			return graph.CoOwnershipFilter{}, err
		}
	}
	return graph.CoOwnershipFilter{
		Year:              q.Year,
		Jurisdiction:      j,
		PlanID:            q.PlanID,
		Roles:             q.Roles,
		IncludeCollective: q.IncludeCollective,
	}, nil
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
	return "", invalidf("role %q: want lead or cooperator", s)
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

// resolveJurisdiction turns a jurisdiction as written into a loaded path,
// as the API does (graph.MatchJurisdiction); "" means every jurisdiction.
func resolveJurisdiction(ctx context.Context, s graph.Store, name string) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", nil
	}
	all, err := s.Jurisdictions(ctx)
	if err != nil {
		return "", err
	}
	return graph.MatchJurisdiction(all, name)
}

// checkPlanYear accepts 0 (every year) and years with a loaded plan of the
// jurisdiction ("" = any).
func checkPlanYear(ctx context.Context, s graph.Store, year int, jurisdiction string) error {
	if year == 0 {
		return nil
	}
	if err := graph.CheckYear(year); err != nil {
		return err
	}
	plans, err := s.Plans(ctx, graph.PlanFilter{Jurisdiction: jurisdiction})
	if err != nil {
		return err
	}
	var years []int
	for _, p := range plans {
		if p.Year == year {
			return nil
		}
		if !slices.Contains(years, p.Year) {
			years = append(years, p.Year)
		}
	}
	of := ""
	if jurisdiction != "" {
		of = " of " + jurisdiction
	}
	if len(years) == 0 {
		return invalidf("year %d: no plan%s is loaded, for that or any year", year, of)
	}
	slices.Sort(years)
	loaded := make([]string, len(years))
	for i, y := range years {
		loaded[i] = strconv.Itoa(y)
	}
	return invalidf("year %d: no plan%s is loaded for it; loaded years: %s", year, of, strings.Join(loaded, ", "))
}

// checkPlanID makes sure a plan ID names a loaded plan.
func checkPlanID(ctx context.Context, s graph.Store, id string) error {
	got, err := s.PlansByID(ctx, []string{id})
	if err != nil {
		return err
	}
	if _, ok := got[id]; ok {
		return nil
	}
	all, err := s.Plans(ctx, graph.PlanFilter{})
	if err != nil {
		return err
	}
	ids := make([]string, len(all))
	for i, p := range all {
		ids[i] = p.ID
	}
	return graph.NotFound("plan", id, ids)
}

// inputError is a bad argument: it is graph.ErrInvalid to errors.Is, and
// reads as its message alone.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }
func (e *inputError) Unwrap() error { return graph.ErrInvalid }

func invalidf(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}
