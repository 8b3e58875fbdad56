package handlers

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
	"github.com/go-chi/chi/v5"
)

// statusOf maps a domain error code to its HTTP status.
func statusOf(err error) int {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	switch design.ErrorCode(err) {
	case design.EMALFORMED:
		return http.StatusBadRequest
	case design.EINVALID:
		return http.StatusUnprocessableEntity
	case design.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case design.ENOTFOUND:
		return http.StatusNotFound
	case design.ECONFLICT:
		return http.StatusConflict
	case design.EFORBIDDEN:
		return http.StatusForbidden
	case design.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// retryAfter is the Retry-After of a 503, in seconds: a lost database
// connection is usually back within a few.
const retryAfter = "5"

// markRetry tells the client of a 503 when to try again.
func markRetry(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", retryAfter)
	}
}

// apiError is the body of every JSON error.
type apiError struct {
	Error errorBody `json:"error"`
	// Design is the fresh design that a conflicting edit was refused against.
	Design *design.Design `json:"design,omitempty"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Field is where in the request the problem is ("ops[2].props.Timeout").
	Field string `json:"field,omitempty"`
}

func writeDomainError(w http.ResponseWriter, err error, status int) {
	body := apiError{Error: errorBody{Code: design.ErrorCode(err), Message: design.ErrorMessage(err)}}
	var de *design.Error
	if errors.As(err, &de) {
		body.Error.Message = de.Message
		body.Error.Field = de.Field
		body.Design = de.Current
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		body.Error.Code = "too_large"
		body.Error.Message = messageOf(err)
	}
	if status == http.StatusInternalServerError {
		body.Error.Message = "Something went wrong on our side; nothing was changed. Try again, and if it persists, tell the operator the request id."
	}
	writeJSON(w, status, body)
}

// messageOf is what an error page says about err.
func messageOf(err error) string {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return "The request body is larger than the limit of " + design.FormatNumber(float64(tooLarge.Limit)) + " bytes."
	}
	return design.ErrorMessage(err)
}

// writeError answers with a plain error in the form the client asked for.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, message, field string) {
	if wantsJSON(r) {
		writeJSON(w, status, apiError{Error: errorBody{Code: code, Message: message, Field: field}})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(message + "\n"))
}

// wantsJSON reports whether the client is the API or a script rather than a
// browser page.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	encodeJSON(w, v)
}

func encodeJSON(w http.ResponseWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// renderError shows an error page that says what happened and how to go on.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	title := map[int]string{
		http.StatusBadRequest:            "That request was malformed",
		http.StatusForbidden:             "This link does not give access",
		http.StatusNotFound:              "Not found",
		http.StatusConflict:              "Someone else changed this first",
		http.StatusRequestEntityTooLarge: "That was too large",
		http.StatusUnprocessableEntity:   "That change is not possible",
		http.StatusTooManyRequests:       "Slow down",
		http.StatusServiceUnavailable:    "archlab cannot reach its database",
	}[status]
	if title == "" {
		title = "Something went wrong"
		message = "Something went wrong on our side; nothing was changed. Try again in a moment."
	}
	v := pages.ErrorView{Status: status, Title: title, Message: message}
	// A refused change to a design that opens leads back to the design.
	if status != http.StatusNotFound && status != http.StatusForbidden {
		if key := chi.URLParam(r, "editKey"); key != "" {
			v.Back, v.BackLabel = "/d/"+key, "the design"
		} else if id := chi.URLParam(r, "designID"); id != "" {
			v.Back, v.BackLabel = "/v/"+id, "the design"
		}
	}
	h.render(w, r, status, title, pages.ErrorPage(v))
}

func (h *Handler) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, http.StatusNotFound, design.ENOTFOUND, "No such API endpoint: "+r.Method+" "+r.URL.Path+".", "")
}

func (h *Handler) apiMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed on "+r.URL.Path+".", "")
}

func (h *Handler) pageNotFound(w http.ResponseWriter, r *http.Request) {
	h.renderError(w, r, http.StatusNotFound, "There is no page at this address.")
}

func (h *Handler) pageMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed here.", "")
}
