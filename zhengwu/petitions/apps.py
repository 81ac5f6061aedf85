from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "zhengwu.petitions"
    label = "petitions"
    verbose_name = "信访"
