# Native syntax beside network.tf.json: one module, references both ways.
locals {
  open = "0.0.0.0/0"
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.from_json.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
}
