CREATE TABLE borgere (id bigint, alder integer, navn text);
CREATE TABLE personer (id bigint, beloeb double precision, start timestamp);
