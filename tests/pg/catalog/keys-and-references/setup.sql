CREATE TABLE personer (person_id bigint, alder bigint);
INSERT INTO personer VALUES (1, 25), (2, 41), (2, 43), (NULL, 50);
CREATE TABLE forloeb (forloeb_id text, person_id bigint);
INSERT INTO forloeb VALUES ('F1', 1), ('F2', 7), ('F3', NULL);
