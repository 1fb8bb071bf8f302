# dutygraph: a static binary on a distroless base, running as a non-root user.
# docker compose builds it (see docker-compose.yml); by hand:
#   docker build -t dutygraph . && docker run -p 8080:8080 dutygraph

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The exact command deploy/compose_test.go runs: the image and the tests
# build the binary the same way.
RUN CGO_ENABLED=0 go build -trimpath -o /out/dutygraph ./cmd/dutygraph
# The data directory, made here because the runtime image has no shell.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/dutygraph /app/dutygraph
# The seeds are embedded in the binary too; the copy on disk is there for
# --seeds DIR and for anyone inspecting the image.
COPY seeds /app/seeds
# The embedded store's corpus (load, remove, list, serve): mount a volume
# here to keep it across containers. A new named volume takes the
# directory's owner, so nonroot can write to it.
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV DUTYGRAPH_DATA=/data
VOLUME /data
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/app/dutygraph"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
