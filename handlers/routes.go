package handlers

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"
)

// Routes returns the one route table of archlab.
func (h *Handler) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(h.clientIP())
	r.Use(middleware.RequestID)
	r.Use(h.logRequests)
	r.Use(h.recoverPanics)
	r.Use(h.metrics.measure)
	r.Use(securityHeaders)
	r.Use(refuseCrossOrigin)
	r.Use(h.limitBodies)
	// Pages, fragments, JSON, CSS and scripts go out compressed to clients
	// that accept it (event streams never are: they must flush as they go).
	// An edit on a 500-block design answers 1.7 MB of HTML; level 3 makes it
	// 67 KB in 3 ms, where level 5 saves 3% more in twice the time. Sizes
	// leak nothing (BREACH): the one secret, an edit key, is the address a
	// page is fetched at, which another site cannot fetch without knowing it.
	r.Use(middleware.Compress(3))
	writes := httprate.LimitBy(h.opts.WritesPerMinute, time.Minute, clientKey,
		httprate.WithLimitHandler(h.tooManyRequests))

	// Operations.
	r.Get("/healthz", h.healthz)
	r.Get("/readyz", h.readyz)
	if !h.opts.SeparateMetrics {
		r.Handle("/metrics", h.metrics.handler())
	}
	r.Handle("/static/*", h.assets)

	// Pages.
	r.Get("/", h.showHome)

	// Knowledge base and templates.
	r.Get("/kb", h.showKBIndex)
	r.Get("/kb/search", h.showSearch)
	r.Get("/kb/rules", h.showRulesIndex)
	r.Get("/kb/rules/{rule}", h.showRulePage)
	r.Get("/kb/{slug}", h.showArticle)
	r.Get("/templates", h.showTemplates)
	r.Get("/templates/{file}", h.templateJSON)
	r.With(writes).Post("/templates/{slug}/use", h.useTemplate)
	r.With(writes).Post("/designs", h.createDesignFromForm)

	// Team spaces at their links, and the directory of them when on.
	r.With(writes).Post("/spaces", h.createSpaceFromForm)
	r.Get("/spaces", h.showDirectory)
	r.Get("/spaces/{spaceID}", h.showDirectorySpace)
	r.Route("/s/{spaceKey}", func(r chi.Router) {
		r.Get("/", h.showSpace)
		r.With(writes).Post("/designs", h.createDesignInSpace)
		r.With(writes).Post("/title", h.renameSpace)
		r.With(writes).Post("/hooks", h.addHook)
		r.With(writes).Post("/hooks/test", h.testHooks)
		r.With(writes).Post("/hooks/{hookID}/delete", h.deleteHook)
	})
	r.Get("/import", h.showImport)

	// Labs and cohorts (labs.go, cohorts.go). Cohorts, like designs, are
	// reached by capability links: /c/{key} to join, /m/{key} a trainee's
	// own, /i/{key} the instructor's.
	r.Get("/labs", h.showLabs)
	r.Get("/labs/{slug}", h.showLab)
	r.With(writes).Post("/labs/{slug}/start", h.startLab)
	r.Get("/cohorts/new", h.showNewCohort)
	r.With(writes).Post("/cohorts", h.createCohortFromForm)
	r.Get("/c/{key}", h.showJoin)
	r.With(writes).Post("/c/{key}", h.join)
	r.Get("/m/{key}", h.showMember)
	r.Get("/m/{key}/labs/{slug}", h.openMemberLab)
	r.With(writes).Post("/m/{key}/labs/{slug}", h.startMemberLab)
	r.Get("/i/{key}", h.showInstructor)
	r.Get("/i/{key}/progress", h.instructorProgress)
	r.Get("/i/{key}/results.csv", h.resultsCSV)
	r.With(writes).Post("/import", h.importTemplate)
	r.Get("/v/{designID}", h.byViewLink(h.showViewer))
	r.Get("/v/{designID}/inspect", h.byViewLink(h.inspect))
	r.Get("/v/{designID}/state", h.byViewLink(h.state))
	r.Get("/v/{designID}/events", h.byViewLink(h.events))
	r.Get("/v/{designID}/history", h.byViewLink(h.history))
	r.Get("/v/{designID}/versions/{version}", h.byViewLink(h.showVersion))
	r.Get("/v/{designID}/compare", h.byViewLink(h.compare))
	r.Get("/v/{designID}/export/{format}", h.byViewLink(h.exportDesign))
	r.Get("/v/{designID}/lab/compare", h.byViewLink(h.labCompare))
	r.With(writes).Post("/v/{designID}/fork", h.byViewLink(h.fork))
	r.Get("/v/{designID}/comments", h.byViewLink(h.commentsPanel))
	r.With(writes).Post("/v/{designID}/comments", h.byViewLink(h.postComment))
	r.With(writes).Post("/v/{designID}/comments/{thread}/resolve", h.byViewLink(h.postResolve))

	// The editor at a design's edit link.
	r.Route("/d/{editKey}", func(r chi.Router) {
		r.Get("/", h.byEditLink(h.showEditor))
		r.Get("/inspect", h.byEditLink(h.inspect))
		r.Get("/connect", h.byEditLink(h.editorConnect))
		r.Get("/state", h.byEditLink(h.state))
		r.Get("/events", h.byEditLink(h.events))
		r.Get("/history", h.byEditLink(h.history))
		r.With(writes).Post("/restore", h.byEditLink(h.restore))
		r.With(writes).Post("/rotate", h.byEditLink(h.rotateEditKey))
		r.With(writes).Post("/fork", h.byEditLink(h.fork))
		r.With(writes).Post("/ops", h.byEditLink(h.editorOps))
		r.With(writes).Post("/props", h.byEditLink(h.editorProps))
		r.With(writes).Post("/layout", h.byEditLink(h.editorLayout))
		r.With(writes).Post("/review", h.byEditLink(h.editorReview))
		r.Get("/comments", h.byEditLink(h.commentsPanel))
		r.With(writes).Post("/comments", h.byEditLink(h.postComment))
		r.With(writes).Post("/comments/{thread}/resolve", h.byEditLink(h.postResolve))
		r.With(writes).Post("/comments/settings", h.byEditLink(h.postCommentSettings))
		r.With(writes).Post("/lab/hint", h.byEditLink(h.labHint))
		r.Get("/lab/compare", h.byEditLink(h.labCompare))
		r.With(writes).Post("/space", h.byEditLink(h.moveToSpace))
	})

	// JSON API.
	r.Route("/api/v1", func(r chi.Router) {
		r.With(writes).Post("/designs", h.apiCreateDesign)
		r.Get("/designs/{designID}", h.apiDesign)
		r.With(writes).Post("/designs/{designID}/ops", h.apiApplyOps)
		r.Get("/designs/{designID}/findings", h.apiFindings)
		r.Get("/designs/{designID}/revisions", h.apiRevisions)
		r.Get("/designs/{designID}/review", h.apiReview)
		r.With(writes).Post("/designs/{designID}/review", h.apiSetReview)
		r.Get("/designs/{designID}/comments", h.apiComments)
		r.With(writes).Post("/designs/{designID}/comments", h.apiAddComment)
		r.With(writes).Post("/designs/{designID}/comments/{thread}/resolve", h.apiResolveThread)
		r.With(writes).Post("/designs/{designID}/comments/settings", h.apiCommentSettings)
		r.With(writes).Put("/designs/{designID}/space", h.apiMoveToSpace)
		r.With(writes).Delete("/designs/{designID}/space", h.apiLeaveSpace)
		r.With(writes).Post("/spaces", h.apiCreateSpace)
		r.Get("/spaces/{spaceKey}/designs", h.apiSpaceDesigns)
		r.Get("/designs/{designID}/capacity", h.apiCapacity)
		r.With(writes).Post("/validate", h.apiValidate)
		r.With(writes).Post("/capacity", h.apiCapacityOf)
		r.Get("/rules", h.apiRules)
		r.Get("/catalogue", h.apiCatalogue)
		r.Get("/labs", h.apiLabs)
		r.Get("/labs/{slug}/start.json", h.apiLabDocument(false))
		r.Get("/labs/{slug}/reference.json", h.apiLabDocument(true))
		r.With(writes).Post("/labs/{slug}/grade", h.apiGradeLab)
		r.Get("/designs/{designID}/lab", h.apiDesignLab)
		r.With(writes).Post("/cohorts", h.apiCreateCohort)
		r.NotFound(h.apiNotFound)
		r.MethodNotAllowed(h.apiMethodNotAllowed)
	})

	r.NotFound(h.pageNotFound)
	r.MethodNotAllowed(h.pageMethodNotAllowed)
	return r
}

// clientIP finds each request's client address: the connection's peer, or,
// behind trusted proxies, the last address in X-Forwarded-For that is not
// one of them. Addresses a client writes itself into the header are never
// believed.
func (h *Handler) clientIP() func(http.Handler) http.Handler {
	if len(h.opts.TrustedProxies) == 0 {
		return middleware.ClientIPFromRemoteAddr
	}
	prefixes := make([]string, len(h.opts.TrustedProxies))
	for i, p := range h.opts.TrustedProxies {
		prefixes[i] = p.String()
	}
	return middleware.ClientIPFromXFF(prefixes...)
}

// clientKey is the rate limits' key: the client address, an IPv6 client's
// whole /64 (which it may rotate through at will).
func clientKey(r *http.Request) (string, error) {
	return httprate.CanonicalizeIP(middleware.GetClientIP(r.Context())), nil
}
