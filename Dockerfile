# tracewire's web app and CLI in a container: `docker build -t tracewire .`
#   docker run -p 8000:8000 -v tracewire-data:/data -v "$PWD/reports:/reports:ro" \
#     tracewire sh -c 'tracewire build /reports && exec tracewire serve --host 0.0.0.0'
# The store is /data/tracewire.db (a volume) unless TRACEWIRE_DB names another (compose.yaml
# runs it against PostgreSQL).

# The web's browser libraries, from the npm registry as package-lock.json pins them.
FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# The wheel, built as anywhere else: setup.py copies the libraries into the package.
FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY pyproject.toml setup.py README.md package.json ./
COPY src ./src
COPY --from=assets /src/node_modules ./node_modules
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 TRACEWIRE_DB=/data/tracewire.db
COPY --from=wheel /wheels /wheels
RUN pip install --no-cache-dir "$(ls /wheels/tracewire-*.whl)[postgres]" && rm -rf /wheels \
    && useradd --create-home --uid 10001 tracewire \
    && mkdir -p /data /reports && chown tracewire:tracewire /data
USER tracewire
WORKDIR /home/tracewire
VOLUME /data
EXPOSE 8000
# Inside the container the server listens on every interface; publish the port to choose
# who reaches it (`-p 127.0.0.1:8000:8000` for this machine only).
CMD ["tracewire", "serve", "--host", "0.0.0.0", "--port", "8000"]
