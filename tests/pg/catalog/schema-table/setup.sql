CREATE SCHEMA register;
CREATE TABLE register.borgere (id bigint, jobplan boolean, beloeb numeric);
INSERT INTO register.borgere VALUES (1, true, 10.5), (2, false, 0.25), (3, NULL, 100), (4, true, NULL);
