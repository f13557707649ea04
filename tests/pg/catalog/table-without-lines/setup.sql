CREATE TABLE borgere (person_id bigint, alder bigint, ydelse text);
INSERT INTO borgere VALUES (1, 30, 'kontanthjælp'), (2, 17, 'dagpenge'), (2, 45, 'kontanthjælp'), (3, NULL, 'løntilskud');
