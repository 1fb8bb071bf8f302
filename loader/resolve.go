package loader

// resolveSections turns the sections read from a plan's body into the
// document model, resolving each unit against the registry in the scope of
// the document's jurisdiction (区发改委 in a Gulou plan is Gulou's).
func (p *parser) resolveSections(raw []rawSection, jurisdiction string) []Section {
	out := make([]Section, 0, len(raw))
	for _, rs := range raw {
		s := Section{Number: rs.number, Title: rs.title, Line: rs.line, Tasks: make([]Task, 0, len(rs.tasks))}
		for _, rt := range rs.tasks {
			s.Tasks = append(s.Tasks, Task{
				Number:      rt.number,
				Text:        rt.text,
				Line:        rt.line,
				Leads:       p.resolveUnits(rt.leads, jurisdiction),
				Cooperators: p.resolveUnits(rt.coops, jurisdiction),
				Leaders:     rt.leaders,
				Targets:     taskTargets(rt.text),
			})
		}
		out = append(out, s)
	}
	return out
}

// resolveUnits resolves names once each per document: a plan names the same
// few dozen units in hundreds of clauses.
func (p *parser) resolveUnits(names []string, jurisdiction string) []UnitRef {
	refs := make([]UnitRef, 0, len(names))
	for _, n := range names {
		ref, ok := p.units[n]
		if !ok {
			r := p.res.resolve(n, jurisdiction)
			ref = UnitRef{Name: n, Canonical: r.Canonical, Kind: r.Kind, Jurisdiction: r.Jurisdiction}
			p.units[n] = ref
		}
		refs = append(refs, ref)
	}
	return refs
}
