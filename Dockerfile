# syntax=docker/dockerfile:1
# Build: a static binary (pure-Go SQLite, no cgo).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/archlab ./cmd/archlab \
 && mkdir -p /out/data

# Run: distroless, no shell, as the unprivileged "nonroot" user (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/archlab /usr/local/bin/archlab
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV ARCHLAB_ADDR=:8080 \
    DATABASE_URL=/data/archlab.db \
    ARCHLAB_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=4s --start-period=10s --retries=3 CMD ["/usr/local/bin/archlab", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/archlab"]
CMD ["serve"]
