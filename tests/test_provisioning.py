import hashlib

import pytest

from assistant.llm import provisioning
from assistant.llm.provisioning import PackagedModel, ProvisioningError, provision


@pytest.fixture
def fake_model(tmp_path, monkeypatch):
    """A three-part packaged model whose parts are small files."""
    parts = {f"fake-part{i}": tmp_path / f"part{i}.bin" for i in (1, 2, 3)}
    for i, path in enumerate(parts.values()):
        path.write_bytes(bytes([i]) * 1000)
    whole = b"".join(p.read_bytes() for p in parts.values())
    model = PackagedModel(
        "fake", "fake-part", 3, "fake.gguf", hashlib.sha256(whole).hexdigest(), "pip install fake"
    )
    monkeypatch.setitem(provisioning.PACKAGED_MODELS, "fake", model)

    def part_file(package):
        if package not in parts:
            raise ProvisioningError(f"package {package!r} is not installed")
        return parts[package]

    monkeypatch.setattr(provisioning, "package_part_file", part_file)
    return model, whole


def test_assembles_verifies_converts_once_then_reuses(tmp_path, fake_model):
    _, whole = fake_model
    conversions = []

    def convert(gguf, out_dir):
        conversions.append(gguf.read_bytes())
        out_dir.mkdir(parents=True)
        (out_dir / "model.safetensors").write_text("weights")

    ready = provision("fake", tmp_path / "cache", convert=convert)
    assert conversions == [whole]
    assert (ready / "model.safetensors").exists()
    assert not (tmp_path / "cache" / "fake.building").exists()
    assert provision("fake", tmp_path / "cache", convert=convert) == ready
    assert len(conversions) == 1


def test_wrong_digest_is_refused(tmp_path, fake_model, monkeypatch):
    model, _ = fake_model
    bad = PackagedModel(**{**model.__dict__, "sha256": "0" * 64})
    monkeypatch.setitem(provisioning.PACKAGED_MODELS, "fake", bad)
    with pytest.raises(ProvisioningError, match="does not match"):
        provision("fake", tmp_path / "cache", convert=lambda *_: None)


def test_missing_package_says_how_to_install(tmp_path, fake_model, monkeypatch):
    model, _ = fake_model
    monkeypatch.setitem(
        provisioning.PACKAGED_MODELS, "fake", PackagedModel(**{**model.__dict__, "parts": 4})
    )
    with pytest.raises(ProvisioningError, match="pip install fake"):
        provision("fake", tmp_path / "cache")


def test_local_folder_and_unknown_name(tmp_path):
    assert provision(str(tmp_path), tmp_path / "cache") == tmp_path
    with pytest.raises(ProvisioningError, match="unknown model"):
        provision("no-such-model", tmp_path / "cache")


def test_default_model_packages_are_installed():
    model = provisioning.PACKAGED_MODELS["qwen2.5-coder-0.5b"]
    sizes = [provisioning.package_part_file(p).stat().st_size for p in model.package_names()]
    assert sum(sizes) == 491_400_064
