package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
)

// Handler serves the exports:
//
//	GET /export/network.{graphml,gexf,gexf13,cypher,json}?jurisdiction=&year=&planId=&roles=&includeCollective=&minShared=
//	GET /export/pairs.{csv,json}?jurisdiction=&year=&planId=&roles=&includeCollective=&minShared=
//	GET /export/units.{csv,json}?jurisdiction=&year=&planId=&roles=&includeCollective=
//	GET /export/tasks.{csv,json}?jurisdiction=&year=&planId=&roles=&includeCollective=
//	GET /export/workload.{csv,xlsx}?unit=&jurisdiction=&year=&planId=&role=
//
// The parameters are those of the GraphQL network query and unit(name:,
// jurisdiction:) with tasks(year:, role:); the tables (units, tasks, pairs,
// and the network as JSON) are for dashboards (see tables.go). A bad
// parameter is a 400, an unknown unit, jurisdiction, plan or export a 404,
// each with a plain-text message saying what to ask instead. Mount it at
// "GET /export/".
func Handler(core *duty.Core, log *slog.Logger) http.Handler {
	h := &handler{core: core, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /export/{file}", h.route)
	mux.HandleFunc("/", h.notFound)
	return mux
}

// route dispatches on the file asked for: KIND.FORMAT.
func (h *handler) route(w http.ResponseWriter, r *http.Request) {
	kind, format, _ := strings.Cut(r.PathValue("file"), ".")
	_, table := tables[kind]
	switch {
	case kind == "network" && strings.EqualFold(format, "csv"):
		fail(w, http.StatusNotFound, "the network as CSV is two tables with the same parameters: /export/units.csv (its nodes) and /export/pairs.csv (its edges)")
	case kind == "network":
		h.network(w, r, format)
	case kind == "workload":
		h.workload(w, r, format)
	case table:
		h.table(w, r, kind, format)
	default:
		h.notFound(w, r)
	}
}

type handler struct {
	core *duty.Core
	log  *slog.Logger
}

// Parameters each export takes; anything else is refused, so that a typo
// (yaer=2026) is not silently an export of every year.
var (
	filterParams   = []string{"jurisdiction", "year", "planId", "roles", "includeCollective"}
	networkParams  = append(slices.Clip(filterParams), "minShared")
	workloadParams = []string{"unit", "jurisdiction", "year", "planId", "role"}
)

// tables are the tables served as CSV and JSON, by name, with the
// parameters each takes.
var tables = map[string]struct {
	params []string
	load   func(context.Context, *duty.View, NetworkQuery) (Table, error)
}{
	"units": {filterParams, LoadUnitsTable},
	"tasks": {filterParams, LoadTasksTable},
	"pairs": {networkParams, func(ctx context.Context, v *duty.View, q NetworkQuery) (Table, error) {
		n, err := LoadNetwork(ctx, v, q)
		if err != nil {
			return Table{}, err
		}
		_, edges := NetworkTables(n)
		return edges, nil
	}},
}

func (h *handler) network(w http.ResponseWriter, r *http.Request, name string) {
	format, err := FindNetworkFormat(name)
	if err != nil {
		fail(w, http.StatusNotFound, err.Error()+" (e.g. /export/network.graphml)")
		return
	}
	q, err := networkQueryFrom(r.URL.Query(), networkParams)
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	q.ByYear = format.ByYear
	n, err := LoadNetwork(r.Context(), h.core.View(), q)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	h.send(w, r, format.ContentType, fileName("co-ownership", n.Query, format.Extension), func(b *bytes.Buffer) error { return format.Write(b, n) })
}

// table serves one of the tables in one of TableFormats.
func (h *handler) table(w http.ResponseWriter, r *http.Request, kind, name string) {
	i := slices.IndexFunc(TableFormats, func(f TableFormat) bool { return strings.EqualFold(f.Name, name) })
	if i < 0 {
		fail(w, http.StatusNotFound, fmt.Sprintf("%s format %q: want %s (e.g. /export/%s.csv)", kind, name,
			formatNames(TableFormats, func(f TableFormat) string { return f.Name }), kind))
		return
	}
	format := TableFormats[i]
	q, err := networkQueryFrom(r.URL.Query(), tables[kind].params)
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	v := h.core.View()
	t, err := tables[kind].load(r.Context(), v, q)
	if err == nil {
		// Files name the jurisdiction's path, not the user's spelling.
		q.Jurisdiction, err = v.Jurisdiction(r.Context(), q.Jurisdiction)
	}
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	h.send(w, r, format.ContentType, fileName(kind, q, format.Name), func(b *bytes.Buffer) error { return format.Write(b, t) })
}

// fileName names an export of what q selects: co-ownership-南京市-鼓楼区-2026.gexf.
func fileName(base string, q NetworkQuery, ext string) string {
	if q.Jurisdiction != "" {
		base += "-" + strings.ReplaceAll(q.Jurisdiction, "/", "-")
	}
	if q.Year != 0 {
		base += "-" + strconv.Itoa(q.Year)
	}
	return base + "." + ext
}

func (h *handler) workload(w http.ResponseWriter, r *http.Request, name string) {
	format, err := FindWorkloadFormat(name)
	if err != nil {
		fail(w, http.StatusNotFound, err.Error()+" (e.g. /export/workload.xlsx?unit=市发改委)")
		return
	}
	q, err := workloadQueryFrom(r.URL.Query())
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	wl, err := LoadWorkload(r.Context(), h.core.View(), q)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	file := wl.Unit.Name + "-tasks"
	if q.Year != 0 {
		file += "-" + strconv.Itoa(q.Year)
	}
	h.send(w, r, format.ContentType, file+"."+format.Name, func(b *bytes.Buffer) error { return format.Write(b, wl) })
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	var names []string
	for _, f := range NetworkFormats {
		names = append(names, "/export/network."+f.Name)
	}
	for _, f := range WorkloadFormats {
		names = append(names, "/export/workload."+f.Name+"?unit=NAME")
	}
	for _, kind := range slices.Sorted(maps.Keys(tables)) {
		for _, f := range TableFormats {
			names = append(names, "/export/"+kind+"."+f.Name)
		}
	}
	fail(w, http.StatusNotFound, fmt.Sprintf("no export at %s: try %s", r.URL.Path, strings.Join(names, ", ")))
}

// send renders the whole export before answering, so that a failure midway
// is a clean error status rather than a truncated file. The answer says
// nothing of caching: it is the graph's as it is, which the server's
// ETags follow; errors are no-store (fail).
func (h *handler) send(w http.ResponseWriter, r *http.Request, contentType, filename string, render func(*bytes.Buffer) error) {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		h.storeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", contentDisposition(filename))
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	_, _ = b.WriteTo(w)
}

// storeError answers an error from the store or a query check by its kind.
func (h *handler) storeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, graph.ErrNotFound):
		fail(w, http.StatusNotFound, err.Error())
	case errors.Is(err, graph.ErrAmbiguous), errors.Is(err, graph.ErrInvalid):
		fail(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, graph.ErrUnavailable):
		fail(w, http.StatusServiceUnavailable, "the store is unavailable; retry later")
		h.log.Warn("export: store unavailable", "path", r.URL.Path, "err", err)
	case r.Context().Err() != nil:
		// The client went away; nobody is reading an answer.
	default:
		h.log.Error("export failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		fail(w, http.StatusInternalServerError, "export failed: internal error (logged on the server)")
	}
}

// fail answers with a plain-text message.
func fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}

// contentDisposition names the download: an ASCII fallback for old clients,
// and the UTF-8 name (市发改委-tasks.xlsx) for the rest (RFC 6266).
func contentDisposition(filename string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x80 && r != '"' && r != '\\' && r >= 0x20 {
			return r
		}
		return -1
	}, filename)
	ascii = strings.TrimLeft(ascii, "-")
	if ascii == "" || strings.HasPrefix(ascii, ".") {
		ascii = "export" + ascii
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(filename))
}

// networkQueryFrom reads a network's filter from the parameters allowed.
func networkQueryFrom(v url.Values, allowed []string) (NetworkQuery, error) {
	if err := onlyParams(v, allowed); err != nil {
		return NetworkQuery{}, err
	}
	q := NetworkQuery{Jurisdiction: v.Get("jurisdiction"), PlanID: v.Get("planId"), MinShared: 1}
	var err error
	if q.Year, err = intParam(v, "year", 0); err != nil {
		return q, err
	}
	if q.MinShared, err = intParam(v, "minShared", 1); err != nil {
		return q, err
	}
	for _, s := range v["roles"] {
		roles, err := ParseRoles(s)
		if err != nil {
			return q, err
		}
		for _, r := range roles {
			if !slices.Contains(q.Roles, r) {
				q.Roles = append(q.Roles, r)
			}
		}
	}
	if s := v.Get("includeCollective"); s != "" {
		if q.IncludeCollective, err = strconv.ParseBool(s); err != nil {
			return q, duty.Invalidf("includeCollective %q: want true or false", s)
		}
	}
	return q, nil
}

func workloadQueryFrom(v url.Values) (WorkloadQuery, error) {
	if err := onlyParams(v, workloadParams); err != nil {
		return WorkloadQuery{}, err
	}
	q := WorkloadQuery{Unit: strings.TrimSpace(v.Get("unit")), Jurisdiction: v.Get("jurisdiction"), PlanID: v.Get("planId")}
	if q.Unit == "" {
		return q, duty.Invalidf("unit: missing; name the unit, e.g. ?unit=市发改委")
	}
	var err error
	if q.Year, err = intParam(v, "year", 0); err != nil {
		return q, err
	}
	if s := v.Get("role"); s != "" {
		if q.Role, err = ParseRole(s); err != nil {
			return q, err
		}
	}
	return q, nil
}

func onlyParams(v url.Values, allowed []string) error {
	for _, name := range slices.Sorted(maps.Keys(v)) {
		if !slices.Contains(allowed, name) {
			return duty.Invalidf("unknown parameter %q: want %s", name, strings.Join(allowed, ", "))
		}
	}
	return nil
}

func intParam(v url.Values, name string, fallback int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, duty.Invalidf("%s %q: want a whole number", name, s)
	}
	return n, nil
}
