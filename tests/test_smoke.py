def test_every_language_home_answers(client, db):
    for code in ["en", "uk", "sh"]:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
